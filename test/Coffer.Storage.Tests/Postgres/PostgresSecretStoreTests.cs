using Coffer.Core.Abstractions;
using Coffer.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Coffer.Storage.Tests.Postgres;

public sealed class PostgresSecretStoreTests : SecretStoreContractTests, IAsyncDisposable
{
    private readonly PostgresTestDatabase _database = new();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override async Task<ISecretStore> CreateStoreAsync() => await CreateNodeAsync();

    [Fact]
    public async Task AddVersionAsync_WritersOnSeveralNodesCreatingOneName_KeepEveryVersionWithOneLatest()
    {
        // Arrange: four "nodes", each its own data source (own connection pool), writing the same new name at once.
        var nodes = new List<PostgresSecretStore>();
        for (var i = 0; i < 4; i++)
        {
            nodes.Add(await CreateNodeAsync());
        }

        var writes = nodes.SelectMany((node, n) => Enumerable.Range(0, 8).Select(_ => (Node: node, Version: NewVersion(n % 2 == 0 ? "Shared" : "SHARED")))).ToArray();

        // Act
        var results = await Task.WhenAll(writes.Select(w => Task.Run(() => w.Node.AddVersionAsync(w.Version, Ct), Ct)));

        // Assert
        Assert.All(results, r => Assert.NotNull(r));
        Assert.Equal(writes.Length, results.Select(r => r!.Sequence).Distinct().Count());
        Assert.Single(results.Select(r => r!.Name).Distinct());
        var listed = await nodes[0].ListVersionsAsync(VaultId, "shared", 0, 100, Ct);
        Assert.Equal(writes.Select(w => w.Version.Version).Order(), listed.Select(v => v.Version).Order());
        Assert.Equal(listed.Select(v => v.Sequence).Order(), listed.Select(v => v.Sequence));
        var newest = results.MaxBy(r => r!.Sequence)!;
        foreach (var node in nodes)
        {
            Assert.Equal(newest.Version, (await node.GetAsync(VaultId, "shared", null, Ct))?.Version);
        }

        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM secret_names"));
        Assert.Equal(newest.Sequence, await ScalarAsync("SELECT latest_seq FROM secret_names"));
    }

    [Fact]
    public async Task AddVersionAsync_WhileAnotherNodeHoldsTheName_WaitsAndLandsAfterIt()
    {
        // Arrange
        var first = await CreateNodeAsync();
        var second = await CreateNodeAsync();
        var earlier = await first.AddVersionAsync(NewVersion("queued"), Ct);
        await using var holder = new NpgsqlConnection(await _database.GetConnectionStringAsync());
        await holder.OpenAsync(Ct);
        await using var transaction = await holder.BeginTransactionAsync(Ct);
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM secret_names WHERE name_key = 'queued' FOR UPDATE", holder, transaction))
        {
            await lockRow.ExecuteNonQueryAsync(Ct);
        }

        // Act
        var pending = second.AddVersionAsync(NewVersion("queued"), Ct);
        var waitedForLock = await WaitForLockWaitAsync();
        await transaction.CommitAsync(Ct);
        var later = await pending;

        // Assert
        Assert.True(waitedForLock);
        Assert.NotNull(earlier);
        Assert.NotNull(later);
        Assert.True(later.Sequence > earlier.Sequence);
        Assert.Equal(later.Version, (await first.GetAsync(VaultId, "queued", null, Ct))?.Version);
    }

    [Theory]
    [InlineData(nameof(PostgresSecretSql.GetLatest))]
    [InlineData(nameof(PostgresSecretSql.GetVersion))]
    [InlineData(nameof(PostgresSecretSql.List))]
    [InlineData(nameof(PostgresSecretSql.ListVersions))]
    [InlineData(nameof(PostgresSecretSql.GetDeleted))]
    [InlineData(nameof(PostgresSecretSql.ListDeleted))]
    [InlineData(nameof(PostgresSecretSql.PurgeDue))]
    public async Task QueryPlan_SecretReads_UseIndexesWithoutScanningOrSorting(string query)
    {
        // Arrange
        await (await _database.OpenAsync()).MigrateAsync(Ct);
        var sql = (string)typeof(PostgresSecretSql).GetField(query)!.GetRawConstantValue()!;

        // Act
        var plan = await PostgresQueryPlans.ExplainAsync(await _database.GetConnectionStringAsync(), sql, Ct);

        // Assert
        Assert.NotEmpty(plan);
        Assert.DoesNotContain(plan, step => step.Contains("Seq Scan", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("Sort", StringComparison.Ordinal));
    }

    private async Task<PostgresSecretStore> CreateNodeAsync() => new(await _database.OpenAsync(), NullLogger<PostgresSecretStore>.Instance);

    /// <summary>True once a backend of this test's database waits on a row lock (bounded: 30 seconds, never asserted as a time).</summary>
    private async Task<bool> WaitForLockWaitAsync()
    {
        for (var i = 0; i < 300; i++)
        {
            var waiting = await ScalarAsync($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{_database.Name}' AND wait_event_type = 'Lock'");
            if (waiting > 0)
            {
                return true;
            }

            await Task.Delay(100, Ct);
        }

        return false;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(await _database.GetConnectionStringAsync());
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
