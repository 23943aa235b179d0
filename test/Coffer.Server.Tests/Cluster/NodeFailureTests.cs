using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Azure;
using Azure.Security.KeyVault.Secrets;

namespace Coffer.Server.Tests.Cluster;

/// <summary>
/// Three <c>coffer serve</c> nodes on one PostgreSQL database take writes in parallel through the unmodified SDK; the
/// node holding the background jobs' leases is killed with SIGKILL in the middle. Every write any node acknowledged is
/// then read back, value and version, from both survivors, and the jobs' leases have moved to a survivor.
/// </summary>
public sealed class NodeFailureTests
{
    private const int WritesPerNode = 100;
    private const int WritersPerNode = 4;
    private const int KillAfterAcknowledged = 30;
    private static readonly string[] Jobs = ["soft-delete-purge", "key-rotation", "token-maintenance"];

    // A lease lasts 15 s and is renewed every 5 s; well inside this, a survivor holds it.
    private static readonly TimeSpan LeaseMoveDeadline = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThreeNodes_HolderKilledMidLoad_EveryAcknowledgedWriteIsReadableAndJobsMove()
    {
        // Arrange: three nodes; the first started alone, so its jobs took every lease.
        await using var database = await ClusterDatabase.CreateAsync();
        await using var cluster = await CofferCluster.StartAsync(database.ConnectionString, 3, Ct);
        await cluster.CreateVaultAsync(cluster.Nodes[1], "load", Ct);
        var holders = await WaitForLeasesAsync(database, _ => true);
        var victim = cluster.Nodes.Single(n => holders[Jobs[0]].Holder.Contains(Pid(n), StringComparison.Ordinal));
        var survivors = cluster.Nodes.Where(n => n != victim).ToList();
        var acknowledged = new ConcurrentDictionary<string, (string Value, string Version)>(StringComparer.Ordinal);
        var victimAcknowledged = 0;
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Act: every node takes writes; the lease holder dies once some of its own are acknowledged.
        var load = cluster.Nodes.Select((node, index) => WriteAsync(cluster, node, index, acknowledged, () =>
        {
            if (node == victim && Interlocked.Increment(ref victimAcknowledged) == KillAfterAcknowledged)
            {
                _ = Task.Run(async () =>
                {
                    await victim.Process.KillAsync();
                    killed.TrySetResult();
                });
            }
        })).ToList();
        var failures = await Task.WhenAll(load);
        await killed.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        var sinceKill = Stopwatch.StartNew();
        var moved = await WaitForLeasesAsync(database, leases => Jobs.All(job => survivors.Any(s => leases[job].Holder.Contains(Pid(s), StringComparison.Ordinal))));
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{acknowledged.Count} writes acknowledged ({victimAcknowledged} by the killed node); leases moved {sinceKill.Elapsed.TotalSeconds:F1} s after the load ended."));

        // Assert: the survivors lost nothing, and each read every acknowledged write back.
        Assert.True(victim.Process.HasExited);
        Assert.True(victimAcknowledged >= KillAfterAcknowledged);
        foreach (var (node, index) in cluster.Nodes.Select((n, i) => (n, i)).Where(p => p.n != victim))
        {
            Assert.Empty(failures[index]);
        }

        Assert.True(acknowledged.Count >= (2 * WritesPerNode) + KillAfterAcknowledged);
        foreach (var survivor in survivors)
        {
            var client = survivor.Secrets("load", survivor.Credential(cluster.TenantId, cluster.AdminClientId, cluster.AdminSecret));
            foreach (var (name, (value, version)) in acknowledged)
            {
                var read = await client.GetSecretAsync(name, version, Ct);
                Assert.Equal(value, read.Value.Value);
            }
        }

        Assert.All(Jobs, job => Assert.DoesNotContain(Pid(victim), moved[job].Holder, StringComparison.Ordinal));
    }

    /// <summary>
    /// One node's share of the load, <see cref="WritersPerNode"/> at a time; returns the failures. A write counts as
    /// acknowledged only when the SDK returned its version.
    /// </summary>
    private static async Task<List<string>> WriteAsync(
        CofferCluster cluster, ClusterNode node, int index, ConcurrentDictionary<string, (string, string)> acknowledged, Action onAcknowledged)
    {
        var client = node.Secrets("load", node.Credential(cluster.TenantId, cluster.AdminClientId, cluster.AdminSecret));
        var failures = new ConcurrentBag<string>();
        await Parallel.ForAsync(0, WritesPerNode, new ParallelOptions { MaxDegreeOfParallelism = WritersPerNode, CancellationToken = Ct }, async (i, ct) =>
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"n{index}-s{i}");
            var value = Guid.NewGuid().ToString("N");
            try
            {
                KeyVaultSecret written = await client.SetSecretAsync(name, value, ct);
                acknowledged[name] = (value, written.Properties.Version);
                onAcknowledged();
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException or Azure.Identity.AuthenticationFailedException)
            {
                failures.Add($"{name}: {e.GetType().Name} {e.Message}");
            }
        });
        return [.. failures];
    }

    private static string Pid(ClusterNode node) => "/" + node.Process.ProcessId.ToString(CultureInfo.InvariantCulture) + "/";

    /// <summary>Polls the lease table until every job has a lease and <paramref name="done"/> holds; bounded.</summary>
    private static async Task<Dictionary<string, (string Holder, DateTimeOffset Expires)>> WaitForLeasesAsync(
        ClusterDatabase database, Func<Dictionary<string, (string Holder, DateTimeOffset Expires)>, bool> done)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(LeaseMoveDeadline);
        while (true)
        {
            var leases = await database.LeasesAsync(Ct);
            if (Jobs.All(leases.ContainsKey) && done(leases))
            {
                return leases;
            }

            try
            {
                await Task.Delay(250, deadline.Token);
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                Assert.Fail($"The job leases did not settle within {LeaseMoveDeadline}: {string.Join(", ", leases.Select(l => $"{l.Key}={l.Value.Holder}"))}");
            }
        }
    }
}
