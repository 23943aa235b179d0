using Coffer.Core.Abstractions;
using Coffer.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Storage.Tests.Postgres;

public sealed class PostgresKeyStoreTests : KeyStoreContractTests, IAsyncDisposable
{
    private readonly PostgresTestDatabase _database = new();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override async Task<IKeyStore> CreateStoreAsync() => await CreateNodeAsync();

    [Fact]
    public async Task AddVersionAsync_RotationsOnSeveralNodesWithTheSameIfLatest_ExactlyOneLands()
    {
        // Arrange: the rotation job on four nodes sees the same latest version and rotates at once.
        var nodes = new List<PostgresKeyStore>();
        for (var i = 0; i < 4; i++)
        {
            nodes.Add(await CreateNodeAsync());
        }

        var current = await nodes[0].AddVersionAsync(NewVersion("rotated"), null, Ct);
        Assert.NotNull(current);

        // Act
        var results = await Task.WhenAll(nodes.Select(node => Task.Run(() => node.AddVersionAsync(NewVersion("rotated"), current.Version, Ct), Ct)));

        // Assert
        var landed = Assert.Single(results, r => r is not null);
        Assert.Equal(landed!.Version, (await nodes[3].GetAsync(VaultId, "rotated", null, Ct))?.Version);
        Assert.Equal(2, (await nodes[2].GetAllVersionsAsync(VaultId, "rotated", Ct)).Count);
    }

    [Fact]
    public async Task AddVersionAsync_IfLatestOnAnUnknownName_LeavesNoNameBehind()
    {
        // Arrange
        var store = await CreateNodeAsync();

        // Act
        var added = await store.AddVersionAsync(NewVersion("never"), "0123456789abcdef0123456789abcdef", Ct);
        var restored = await store.RestoreAsync([NewVersion("never")], null, Ct);

        // Assert
        Assert.Null(added);
        Assert.True(restored);
    }

    [Theory]
    [InlineData(nameof(PostgresKeySql.GetLatest))]
    [InlineData(nameof(PostgresKeySql.GetVersion))]
    [InlineData(nameof(PostgresKeySql.List))]
    [InlineData(nameof(PostgresKeySql.ListVersions))]
    [InlineData(nameof(PostgresKeySql.GetDeleted))]
    [InlineData(nameof(PostgresKeySql.ListDeleted))]
    [InlineData(nameof(PostgresKeySql.PurgeDue))]
    [InlineData(nameof(PostgresKeySql.ListNotifications))]
    public async Task QueryPlan_KeyReads_UseIndexesWithoutScanningOrSorting(string query)
    {
        // Arrange
        await (await _database.OpenAsync()).MigrateAsync(Ct);
        var sql = (string)typeof(PostgresKeySql).GetField(query)!.GetRawConstantValue()!;

        // Act
        var plan = await PostgresQueryPlans.ExplainAsync(await _database.GetConnectionStringAsync(), sql, Ct);

        // Assert
        Assert.NotEmpty(plan);
        Assert.DoesNotContain(plan, step => step.Contains("Seq Scan", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("Sort", StringComparison.Ordinal));
    }

    private async Task<PostgresKeyStore> CreateNodeAsync() => new(await _database.OpenAsync(), NullLogger<PostgresKeyStore>.Instance);
}
