using System.Security.Cryptography;
using Coffer.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Storage.Tests.Sqlite;

/// <summary>Migration 3 carries a version-1 identity (one credential, one signing key) over intact.</summary>
public sealed class SqliteIdentityMigrationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("coffer-migration-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrate_Version1Identity_KeepsItsIdsCredentialAndSigningKey()
    {
        // Arrange: a database at schema version 1 with identity 'dev' and one signing key.
        var path = Path.Combine(_directory, "v1.db");
        var principal = Guid.NewGuid();
        var client = Guid.NewGuid();
        var hash = SHA256.HashData(RandomNumberGenerator.GetBytes(32));
        await using (var raw = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await raw.OpenAsync(Ct);
            await using var command = raw.CreateCommand();
            command.CommandText = SqliteSchema.Migrations[0] + """
                INSERT INTO identities VALUES ($principal, 'dev', $client, $hash, 1750000000);
                INSERT INTO signing_keys VALUES ('kid-1', x'00', 1750000000);
                PRAGMA user_version = 1;
                """;
            command.Parameters.AddWithValue("$principal", principal.ToString("N"));
            command.Parameters.AddWithValue("$client", client.ToString("N"));
            command.Parameters.AddWithValue("$hash", hash);
            await command.ExecuteNonQueryAsync(Ct);
        }

        using var database = new SqliteDatabase(new SqliteStorageOptions { DatabasePath = path }, NullLogger<SqliteDatabase>.Instance);
        var identities = new SqliteIdentityStore(database);
        var keys = new SqliteSigningKeyStore(database);

        // Act
        var identity = await identities.GetByNameAsync("dev", Ct);
        var credential = await identities.GetCredentialByHashAsync(hash, Ct);
        var key = Assert.Single(await keys.ListAsync(Ct));

        // Assert
        Assert.NotNull(identity);
        Assert.Equal(principal, identity.PrincipalId);
        Assert.Equal(client, identity.ClientId);
        Assert.Equal("dev", identity.ResourceGroup);
        Assert.Equal("local", identity.Location);
        Assert.Empty(identity.Tags);
        Assert.NotNull(credential);
        Assert.Equal(principal, credential.PrincipalId);
        Assert.Null(credential.Revoked);
        Assert.Equal("kid-1", key.KeyId);
        Assert.Equal(key.Created, key.Activates);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
