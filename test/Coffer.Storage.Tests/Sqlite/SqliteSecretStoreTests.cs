using Coffer.Core.Abstractions;
using Coffer.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Storage.Tests.Sqlite;

public sealed class SqliteSecretStoreTests : SecretStoreContractTests, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override Task<ISecretStore> CreateStoreAsync() => Task.FromResult<ISecretStore>(CreateStore(_database.Database));

    [Fact]
    public async Task GetAsync_ReopenedDatabase_StillHasData()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var live = NewVersion("Durable");
        await store.AddVersionAsync(live, Ct);
        await store.AddVersionAsync(NewVersion("deleted"), Ct);
        await store.DeleteAsync(VaultId, "deleted", Now, Now.AddDays(7), Ct);

        // Act
        var reopened = CreateStore(_database.Reopen());
        var found = await reopened.GetAsync(VaultId, "durable", null, Ct);
        var deleted = await reopened.GetDeletedAsync(VaultId, "deleted", Ct);

        // Assert
        Assert.NotNull(found);
        Assert.Equal("Durable", found.Name);
        AssertSameVersion(live, found);
        Assert.NotNull(deleted);
        Assert.NotNull(await reopened.AddVersionAsync(NewVersion("durable"), Ct));
    }

    [Theory]
    [InlineData(nameof(SqliteSecretSql.GetLatest))]
    [InlineData(nameof(SqliteSecretSql.GetVersion))]
    [InlineData(nameof(SqliteSecretSql.List))]
    [InlineData(nameof(SqliteSecretSql.ListVersions))]
    [InlineData(nameof(SqliteSecretSql.GetDeleted))]
    [InlineData(nameof(SqliteSecretSql.ListDeleted))]
    [InlineData(nameof(SqliteSecretSql.PurgeDue))]
    public async Task QueryPlan_SecretReads_UseIndexesWithoutScanning(string query)
    {
        // Arrange
        var sql = (string)typeof(SqliteSecretSql).GetField(query)!.GetRawConstantValue()!;
        await using var connection = await _database.Database.OpenReadAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in new[] { "$vault", "$name", "$version", "$after", "$take", "$now" })
        {
            command.Parameters.AddWithValue(name, name == "$take" ? 10 : "x");
        }

        // Act
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                plan.Add(reader.GetString(3));
            }
        }

        // Assert
        Assert.NotEmpty(plan);
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PurgeAsync_DeletedSecret_LeavesNoVersionRows()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddVersionAsync(NewVersion("purged"), Ct);
        await store.AddVersionAsync(NewVersion("purged"), Ct);
        await store.AddVersionAsync(NewVersion("kept"), Ct);
        await store.DeleteAsync(VaultId, "purged", Now, Now.AddDays(7), Ct);

        // Act
        await store.PurgeAsync(VaultId, "purged", Ct);

        // Assert
        await using var connection = await _database.Database.OpenReadAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name_key FROM secret_versions";
        Assert.Equal("kept", await command.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task GetAsync_WhileWriterHoldsLease_DoesNotWait()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddVersionAsync(NewVersion("readable"), Ct);

        // Act
        using (await _database.Database.AcquireWriterAsync(Ct))
        {
            var found = await store.GetAsync(VaultId, "readable", null, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);

            // Assert
            Assert.NotNull(found);
        }
    }

    private static SqliteSecretStore CreateStore(SqliteDatabase database) => new(database, NullLogger<SqliteSecretStore>.Instance);
}
