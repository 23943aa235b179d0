using Azure.Security.KeyVault.Secrets;

namespace Coffer.Server.Tests.Cluster;

/// <summary>
/// Nodes started at the same moment on a new PostgreSQL database, as an orchestrator starts a deployment: every node
/// comes up, exactly one shows the bootstrap administrator's secret, and that secret works through every node.
/// </summary>
public sealed class FirstStartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThreeNodesStartedTogether_OneShowsTheAdministrator_AndItWorksOnEveryNode()
    {
        // Arrange
        await using var database = await ClusterDatabase.CreateAsync();

        // Act
        await using var cluster = await CofferCluster.StartTogetherAsync(database.ConnectionString, 3, Ct);

        // Assert: every node is up (StartTogetherAsync waited for each), one showed a secret, and it works everywhere.
        var showing = cluster.Nodes.Where(node => node.Process.StandardOutput.Contains("export AZURE_CLIENT_SECRET=", StringComparison.Ordinal)).ToList();
        Assert.Single(showing);

        var vaultNode = cluster.Nodes.First(node => node != showing[0]);
        await cluster.CreateVaultAsync(vaultNode, "firststart", Ct);
        foreach (var node in cluster.Nodes)
        {
            var client = node.Secrets("firststart", node.Credential(cluster.TenantId, cluster.AdminClientId, cluster.AdminSecret));
            await client.SetSecretAsync(new KeyVaultSecret("from-" + cluster.Nodes.ToList().IndexOf(node), "v"), Ct);
        }

        var reader = cluster.Nodes[0].Secrets("firststart", cluster.Nodes[0].Credential(cluster.TenantId, cluster.AdminClientId, cluster.AdminSecret));
        for (var i = 0; i < cluster.Nodes.Count; i++)
        {
            Assert.Equal("v", (await reader.GetSecretAsync("from-" + i, cancellationToken: Ct)).Value.Value);
        }
    }
}
