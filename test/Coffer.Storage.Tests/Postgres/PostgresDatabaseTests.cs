using Coffer.Storage.Postgres;
using Npgsql;

namespace Coffer.Storage.Tests.Postgres;

public sealed class PostgresDatabaseTests : IAsyncDisposable
{
    private readonly PostgresTestDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task MigrateAsync_EmptyDatabase_AppliesEveryMigrationOnceAndRecordsIt()
    {
        // Arrange
        var database = await _database.OpenAsync();

        // Act
        var version = await database.MigrateAsync(Ct);
        var again = await database.MigrateAsync(Ct);

        // Assert
        Assert.Equal(PostgresSchema.LatestVersion, version);
        Assert.Equal(PostgresSchema.LatestVersion, again);
        Assert.Equal(Enumerable.Range(1, PostgresSchema.LatestVersion), await ReadVersionsAsync());
    }

    [Fact]
    public async Task MigrateAsync_SeveralNodesAtOnce_MigrateOnce()
    {
        // Arrange
        var nodes = new List<PostgresDatabase>();
        for (var i = 0; i < 4; i++)
        {
            nodes.Add(await _database.OpenAsync());
        }

        // Act
        var versions = await Task.WhenAll(nodes.Select(n => n.MigrateAsync(Ct)));

        // Assert
        Assert.All(versions, v => Assert.Equal(PostgresSchema.LatestVersion, v));
        Assert.Equal(Enumerable.Range(1, PostgresSchema.LatestVersion), await ReadVersionsAsync());
    }

    [Fact]
    public async Task OpenAsync_NewerSchemaVersion_Throws()
    {
        // Arrange
        await (await _database.OpenAsync()).MigrateAsync(Ct);
        await ExecuteAsync($"INSERT INTO schema_migrations (version, applied) VALUES ({PostgresSchema.LatestVersion + 1}, 0)");
        var database = await _database.OpenAsync();

        // Act
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await database.OpenAsync(Ct));

        // Assert
        Assert.Contains("newer Coffer", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OpenAsync_DefaultSettings_CommitsSynchronously()
    {
        // Arrange
        var database = await _database.OpenAsync();

        // Act
        await using var connection = await database.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SHOW synchronous_commit", connection);
        var setting = (string?)await command.ExecuteScalarAsync(Ct);

        // Assert
        Assert.Equal("on", setting);
    }

    private async Task<List<int>> ReadVersionsAsync()
    {
        await using var connection = new NpgsqlConnection(await _database.GetConnectionStringAsync());
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT version FROM schema_migrations ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var versions = new List<int>();
        while (await reader.ReadAsync(Ct))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(await _database.GetConnectionStringAsync());
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
