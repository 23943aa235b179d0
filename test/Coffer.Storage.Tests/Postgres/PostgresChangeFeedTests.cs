using System.Collections.Concurrent;
using Coffer.Core.Cluster;
using Coffer.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Coffer.Storage.Tests.Postgres;

/// <summary>Two "nodes" (each its own pool and listening connection) on one database hear each other's changes through NOTIFY.</summary>
public sealed class PostgresChangeFeedTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly PostgresTestDatabase _database = new();
    private readonly List<PostgresChangeFeed> _feeds = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PublishAsync_OnOneNode_IsDeliveredToTheOtherNodeOnly()
    {
        // Arrange
        var (a, aConnected) = await FeedAsync();
        var (b, bConnected) = await FeedAsync();
        var heardByA = new ConcurrentQueue<string?>();
        var heardByB = new ConcurrentQueue<string?>();
        var delivered = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        a.Subscribe(ChangeKinds.Vault, heardByA.Enqueue);
        b.Subscribe(ChangeKinds.Vault, key =>
        {
            heardByB.Enqueue(key);
            if (key is not null)
            {
                delivered.TrySetResult(key);
            }
        });
        await aConnected.WaitAsync(Patience, Ct);
        await bConnected.WaitAsync(Patience, Ct);

        // Act
        await a.PublishAsync(ChangeKinds.Vault, "billing", Ct);
        await a.PublishAsync(ChangeKinds.RoleAssignments, "not-a-vault", Ct);

        // Assert
        Assert.Equal("billing", await delivered.Task.WaitAsync(Patience, Ct));
        Assert.DoesNotContain("billing", heardByA);
        Assert.DoesNotContain("not-a-vault", heardByB);
    }

    [Fact]
    public async Task ListeningConnectionKilled_FeedReconnectsAndTellsEveryCacheToForget()
    {
        // Arrange: the feed has connected once (one "forget everything").
        var (feed, connected) = await FeedAsync();
        var everything = 0;
        feed.Subscribe(ChangeKinds.SigningKeys, key =>
        {
            if (key is null)
            {
                Interlocked.Increment(ref everything);
            }
        });
        await connected.WaitAsync(Patience, Ct);
        var before = Volatile.Read(ref everything);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        feed.Connected += () => reconnected.TrySetResult();

        // Act: the server ends the listening session, as a restart or a failover would.
        await using (var admin = new NpgsqlConnection(await _database.GetConnectionStringAsync()))
        {
            await admin.OpenAsync(Ct);
            await using var kill = new NpgsqlCommand(
                $"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN {PostgresChangeFeed.Channel}'", admin);
            Assert.Equal(1L, await kill.ExecuteScalarAsync(Ct));
        }

        await reconnected.Task.WaitAsync(Patience, Ct);

        // Assert
        Assert.Equal(before + 1, Volatile.Read(ref everything));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var feed in _feeds)
        {
            await feed.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    private async Task<(PostgresChangeFeed Feed, Task Connected)> FeedAsync()
    {
        var database = await _database.OpenAsync();
        var feed = new PostgresChangeFeed(database, new PostgresClusterOptions(), TimeProvider.System, NullLogger<PostgresChangeFeed>.Instance);
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        feed.Connected += () => connected.TrySetResult();
        feed.Start();
        _feeds.Add(feed);
        return (feed, connected.Task);
    }
}
