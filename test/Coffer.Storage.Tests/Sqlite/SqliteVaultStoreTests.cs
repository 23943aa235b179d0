using System.Security.Cryptography;
using Coffer.Core.Abstractions;
using Coffer.Core.KeyRing;
using Coffer.Core.Keys;
using Coffer.Core.Keys.Cryptography;
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
    public async Task PurgeAsync_DeletedVault_RemovesItsSecretsKeysAndDataKeysOnly()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var vaults = new SqliteVaultStore(_database.Database);
        var secrets = new SqliteSecretStore(_database.Database, NullLogger<SqliteSecretStore>.Instance);
        var keys = new SqliteDataKeyStore(_database.Database);
        var vaultKeys = new SqliteKeyStore(_database.Database, NullLogger<SqliteKeyStore>.Instance);
        var purged = new Vault(Guid.NewGuid(), "purged", Now, 7, PurgeProtection: false);
        var kept = new Vault(Guid.NewGuid(), "kept", Now, 7, PurgeProtection: false);
        foreach (var vault in new[] { purged, kept })
        {
            await vaults.AddAsync(vault, ct);
            await keys.AddAsync(new WrappedDataKey(Guid.NewGuid(), vault.Id, RandomNumberGenerator.GetBytes(40), Now), ct);
            await secrets.AddVersionAsync(Version(vault.Id, "api-key"), ct);
            await secrets.AddVersionAsync(Version(vault.Id, "api-key"), ct);
            await vaultKeys.AddVersionAsync(KeyVersion(vault.Id, "signing"), null, ct);
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
        Assert.NotNull(await vaultKeys.GetAsync(kept.Id, "signing", null, ct));
        await using var connection = await _database.Database.OpenReadAsync(ct);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$vault", purged.Id.ToString("N"));
        foreach (var table in new[] { "secret_versions", "secret_names", "key_versions", "key_names" })
        {
            command.CommandText = $"SELECT count(*) FROM {table} WHERE vault_id = $vault";
            Assert.Equal(0L, await command.ExecuteScalarAsync(ct));
        }
    }

    protected override Task<IVaultStore> CreateStoreAsync() => Task.FromResult<IVaultStore>(new SqliteVaultStore(_database.Database));

    private static KeyVersion KeyVersion(Guid vaultId, string name) =>
        new(vaultId, name, Guid.NewGuid().ToString("N"), "EC", 256, ["sign", "verify"], Now, Now, true, null, null, null,
            new PublicKeyParts(null, null, "P-256", RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32)), RandomNumberGenerator.GetBytes(64));

    private static SecretVersion Version(Guid vaultId, string name) =>
        new(vaultId, name, Guid.NewGuid().ToString("N"), Now, Now, Enabled: true, NotBefore: null, Expires: null, ContentType: null, Tags: null, Ciphertext: RandomNumberGenerator.GetBytes(48));
}
