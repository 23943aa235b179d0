using Coffer.Core.Abstractions;
using Coffer.Core.Audit;
using Coffer.Core.Cluster;
using Coffer.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Server.Tests.Hosting;

/// <summary>The retention job deletes records older than the period at start and again at each hourly round, on a fake clock.</summary>
public sealed class AuditRetentionJobTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Rounds_DeleteWhatOutlivedTheRetention_AsTheClockMoves()
    {
        // Arrange
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        await using var services = new ServiceCollection().AddCofferSqliteAuditStore(Path.Combine(_directory.Root, "audit.db"), TimeSpan.FromSeconds(5), journaled: true).BuildServiceProvider();
        var store = services.GetRequiredService<IAuditStore>();
        AuditChainHead? head = null;
        foreach (var age in new[] { 100, 40, 29, 1 })
        {
            var record = AuditChain.Seal(Record(time.GetUtcNow().AddDays(-age)), "local", head);
            await store.AppendAsync([record], Ct);
            head = new AuditChainHead("local", record.Sequence, record.Hash);
        }

        using var job = new AuditRetentionJob(store, new SingleNodeJobLease(), new AuditRetention(TimeSpan.FromDays(30)), time, NullLogger<AuditRetentionJob>.Instance);

        // Act
        await job.StartAsync(Ct);
        var afterStart = await WaitForCountAsync(store, 2);
        time.Advance(TimeSpan.FromDays(2));
        var afterTwoDays = await WaitForCountAsync(store, 1);
        await job.StopAsync(Ct);

        // Assert
        Assert.Equal([3L, 4L], afterStart);
        Assert.Equal([4L], afterTwoDays);
        Assert.True((await AuditVerifier.VerifyAsync(store, Ct)).IsIntact);
    }

    /// <summary>The job runs on its own; this waits (bounded) until the store holds <paramref name="count"/> records.</summary>
    private static async Task<List<long>> WaitForCountAsync(IAuditStore store, int count)
    {
        for (var attempt = 0; ; attempt++)
        {
            var sequences = new List<long>();
            await foreach (var record in store.ReadChainAsync("local", Ct))
            {
                sequences.Add(record.Sequence);
            }

            if (sequences.Count <= count || attempt == 200)
            {
                return sequences;
            }

            await Task.Delay(25, Ct);
        }
    }

    private static AuditRecord Record(DateTimeOffset time) => new()
    {
        Time = time,
        ResourceId = "/subscriptions/5d1b0c4e-2a55-4a40-8f3b-3b7e8f0a9c11/resourceGroups/coffer/providers/Microsoft.KeyVault/vaults/dev",
        VaultName = "dev",
        OperationName = "SecretGet",
        ResultType = "Success",
        ResultSignature = "OK",
        RequestUri = "https://dev.localhost/secrets/s?api-version=7.6",
        HttpStatusCode = 200,
    };
}
