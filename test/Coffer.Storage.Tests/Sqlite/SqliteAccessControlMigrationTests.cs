using Coffer.Core.Vaults;
using Coffer.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Storage.Tests.Sqlite;

/// <summary>
/// Migration 2 on a database written at version 1: vaults land in the default resource group with RBAC on, and the
/// old <c>/vaults/{name}</c> scopes become the vault's resource id under the deployment's subscription.
/// </summary>
public sealed class SqliteAccessControlMigrationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"coffer-migration-tests-{Guid.NewGuid():N}");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Migration2_VersionOneDatabase_MovesVaultScopesUnderTheSubscription()
    {
        // Arrange
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "coffer.db");
        var subscription = Guid.NewGuid();
        var principal = Guid.NewGuid().ToString("N");
        await using (var raw = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await raw.OpenAsync(Ct);
            await ExecuteAsync(raw, SqliteSchema.Migrations[0] + $"""
                ;PRAGMA user_version = 1;
                INSERT INTO metadata VALUES ('subscription-id', '{subscription:D}');
                INSERT INTO vaults VALUES ('{Guid.NewGuid():N}', 'billing', 1750000000, 90, 0);
                INSERT INTO role_assignments VALUES ('{Guid.NewGuid():N}', '{principal}', '{Guid.NewGuid():N}', '/vaults/billing', 1750000000);
                INSERT INTO role_assignments VALUES ('{Guid.NewGuid():N}', '{principal}', '{Guid.NewGuid():N}', '/', 1750000001);
                """);
        }

        using var database = new SqliteDatabase(new SqliteStorageOptions { DatabasePath = path }, NullLogger<SqliteDatabase>.Instance);

        // Act
        var vault = await new SqliteVaultStore(database).GetByNameAsync("billing", Ct);
        var assignments = await new SqliteRoleAssignmentStore(database).ListForPrincipalAsync(Guid.ParseExact(principal, "N"), Ct);

        // Assert
        Assert.NotNull(vault);
        Assert.Equal(Vault.DefaultResourceGroup, vault.ResourceGroup);
        Assert.True(vault.EnableRbacAuthorization);
        Assert.Empty(vault.AccessPolicies);
        Assert.Equal(
            [$"/subscriptions/{subscription:D}/resourceGroups/coffer/providers/Microsoft.KeyVault/vaults/billing", "/"],
            assignments.Select(a => a.Scope).ToArray());
        Assert.Equal(vault.ResourceId(subscription), assignments[0].Scope);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
