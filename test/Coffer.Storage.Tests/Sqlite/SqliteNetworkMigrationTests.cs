using Coffer.Core.Network;
using Coffer.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Storage.Tests.Sqlite;

/// <summary>The network-settings migration on a database written just before it: existing vaults stay open.</summary>
public sealed class SqliteNetworkMigrationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"coffer-migration-tests-{Guid.NewGuid():N}");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task NetworkMigration_ExistingVault_GetsAzuresDefaults()
    {
        // Arrange
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "coffer.db");
        // Found by what it adds, not by its number: migrations are ordered when branches merge.
        var before = SqliteSchema.Migrations.TakeWhile(m => !m.Contains("network_default_action", StringComparison.Ordinal)).ToArray();
        Assert.True(before.Length < SqliteSchema.Migrations.Count, "No migration adds the network columns.");
        await using (var raw = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await raw.OpenAsync(Ct);
            await using var command = raw.CreateCommand();
            command.CommandText = string.Join(";\n", before) + $"""
                ;PRAGMA user_version = {before.Length};
                INSERT INTO vaults (id, name, created, retention_days, purge_protection) VALUES ('{Guid.NewGuid():N}', 'billing', 1750000000, 90, 0);
                """;
            await command.ExecuteNonQueryAsync(Ct);
        }

        using var database = new SqliteDatabase(new SqliteStorageOptions { DatabasePath = path }, NullLogger<SqliteDatabase>.Instance);

        // Act
        var vault = await new SqliteVaultStore(database).GetByNameAsync("billing", Ct);

        // Assert
        Assert.NotNull(vault);
        Assert.Equal(NetworkRuleSet.Default, vault.NetworkAcls);
        Assert.Equal(PublicNetworkAccess.Enabled, vault.PublicNetworkAccess);
    }
}
