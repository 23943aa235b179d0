using System.Security.Cryptography;
using Coffer.Core.Abstractions;
using Coffer.Core.KeyRing;
using Coffer.Core.Secrets;
using Coffer.Core.Vaults;
using Coffer.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Storage.Tests.Sqlite;

public sealed class SqliteVaultStoreTests : VaultStoreContractTests, IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);

    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task PurgeAsync_DeletedVault_RemovesItsSecretsAndDataKeysOnly()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var vaults = new SqliteVaultStore(_database.Database);
        var secrets = new SqliteSecretStore(_database.Database, NullLogger<SqliteSecretStore>.Instance);
        var keys = new SqliteDataKeyStore(_database.Database);
        var purged = new Vault(Guid.NewGuid(), "purged", Now, 7, PurgeProtection: false);
        var kept = new Vault(Guid.NewGuid(), "kept", Now, 7, PurgeProtection: false);
        foreach (var vault in new[] { purged, kept })
        {
            await vaults.AddAsync(vault, ct);
            await keys.AddAsync(new WrappedDataKey(Guid.NewGuid(), vault.Id, RandomNumberGenerator.GetBytes(40), Now), ct);
            await secrets.AddVersionAsync(Version(vault.Id, "api-key"), ct);
            await secrets.AddVersionAsync(Version(vault.Id, "api-key"), ct);
        }

        await vaults.DeleteAsync(purged.Id, Now, Now.AddDays(7), ct);

        // Act
        var removed = await vaults.PurgeAsync(purged.Id, ct);

        // Assert
        Assert.True(removed);
        Assert.Empty(await keys.GetForVaultAsync(purged.Id, ct));
        Assert.Null(await secrets.GetAsync(purged.Id, "api-key", null, ct));
        Assert.Single(await keys.GetForVaultAsync(kept.Id, ct));
        Assert.Equal(2, (await secrets.GetAllVersionsAsync(kept.Id, "api-key", ct)).Count);
        await using var connection = await _database.Database.OpenReadAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM secret_versions WHERE vault_id = $vault";
        command.Parameters.AddWithValue("$vault", purged.Id.ToString("N"));
        Assert.Equal(0L, await command.ExecuteScalarAsync(ct));
    }

    protected override Task<IVaultStore> CreateStoreAsync() => Task.FromResult<IVaultStore>(new SqliteVaultStore(_database.Database));

    private static SecretVersion Version(Guid vaultId, string name) =>
        new(vaultId, name, Guid.NewGuid().ToString("N"), Now, Now, Enabled: true, NotBefore: null, Expires: null, ContentType: null, Tags: null, Ciphertext: RandomNumberGenerator.GetBytes(48));
}
