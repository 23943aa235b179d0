using Coffer.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Storage.Tests.Postgres;

/// <summary>Job leases between "nodes" (each its own pool and clock) on one database: one holder at a time, and a dead holder's lease moves.</summary>
public sealed class PostgresJobLeaseTests : IAsyncDisposable
{
    private const string Job = "soft-delete-purge";
    private static readonly DateTimeOffset Start = new(2025, 7, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);
    private readonly PostgresTestDatabase _database = new();
    private readonly List<PostgresJobLease> _leases = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryHoldAsync_TwoNodes_OnlyTheFirstHoldsAndKeepsIt()
    {
        // Arrange
        var time = new FakeTimeProvider(Start);
        var a = await LeaseAsync("a", time);
        var b = await LeaseAsync("b", time);

        // Act
        var first = await a.TryHoldAsync(Job, Ct);
        var other = await b.TryHoldAsync(Job, Ct);
        var renewed = await a.TryHoldAsync(Job, Ct);

        // Assert
        Assert.True(first);
        Assert.False(other);
        Assert.True(renewed);
    }

    [Fact]
    public async Task TryHoldAsync_ManyNodesAtOnce_ExactlyOneHolds()
    {
        // Arrange
        var time = new FakeTimeProvider(Start);
        var nodes = new List<PostgresJobLease>();
        for (var i = 0; i < 5; i++)
        {
            nodes.Add(await LeaseAsync("node" + i, time));
        }

        // Act
        var held = await Task.WhenAll(nodes.Select(n => n.TryHoldAsync(Job, Ct).AsTask()));

        // Assert
        Assert.Single(held, h => h);
    }

    [Fact]
    public async Task TryHoldAsync_HolderStopsRenewing_AnotherNodeTakesItOnceItExpires()
    {
        // Arrange: node a's clock stands still, as a dead node's would; b's moves on.
        var deadClock = new FakeTimeProvider(Start);
        var time = new FakeTimeProvider(Start);
        var a = await LeaseAsync("a", deadClock);
        var b = await LeaseAsync("b", time);
        Assert.True(await a.TryHoldAsync(Job, Ct));

        // Act
        time.Advance(Duration - TimeSpan.FromMilliseconds(1));
        var beforeExpiry = await b.TryHoldAsync(Job, Ct);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var atExpiry = await b.TryHoldAsync(Job, Ct);
        var formerHolder = await a.TryHoldAsync(Job, Ct);

        // Assert
        Assert.False(beforeExpiry);
        Assert.True(atExpiry);
        Assert.False(formerHolder);
    }

    [Fact]
    public async Task DisposeAsync_Holder_HandsTheLeaseOverAtOnce()
    {
        // Arrange
        var time = new FakeTimeProvider(Start);
        var a = await LeaseAsync("a", time);
        var b = await LeaseAsync("b", time);
        Assert.True(await a.TryHoldAsync(Job, Ct));

        // Act
        _leases.Remove(a);
        await a.DisposeAsync();

        // Assert
        Assert.True(await b.TryHoldAsync(Job, Ct));
    }

    [Fact]
    public async Task TryHoldAsync_DifferentJobs_AreHeldIndependently()
    {
        // Arrange
        var time = new FakeTimeProvider(Start);
        var a = await LeaseAsync("a", time);
        var b = await LeaseAsync("b", time);

        // Act
        var purge = await a.TryHoldAsync(Job, Ct);
        var rotation = await b.TryHoldAsync("key-rotation", Ct);

        // Assert
        Assert.True(purge);
        Assert.True(rotation);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lease in _leases)
        {
            await lease.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    private async Task<PostgresJobLease> LeaseAsync(string node, TimeProvider time)
    {
        var database = await _database.OpenAsync();
        await database.MigrateAsync(Ct);
        var lease = new PostgresJobLease(database, new PostgresClusterOptions { NodeName = node, LeaseDuration = Duration }, time, NullLogger<PostgresJobLease>.Instance);
        _leases.Add(lease);
        return lease;
    }
}
