using System.Globalization;
using Azure.Core;
using Azure.Security.KeyVault.Secrets;
using Coffer.Core.Identity;

namespace Coffer.Server.Tests.Cluster;

/// <summary>
/// Nodes started at the same moment on a new PostgreSQL database, as an orchestrator starts a deployment: every node
/// comes up, exactly one shows the bootstrap administrator's secret, and that secret works through every node. A node
/// that claimed the administrator and stopped before showing its secret binds the others only for a while.
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

    [Fact]
    public async Task ClaimNeverShown_BindsOtherNodesForItsLifetime_ThenTheNextNodeTakesItOverAndShowsANewSecret()
    {
        // Arrange: a deployment whose administrator was claimed by a node that stopped before showing the secret, and
        // whose data directory is gone (an ephemeral volume), so it never starts again.
        await using var database = await ClusterDatabase.CreateAsync();
        await using var cluster = await CofferCluster.StartAsync(database.ConnectionString, 1, Ct);
        await database.SetMetadataAsync(BootstrapAdministrator.MetadataKey, null, Ct);
        var now = DateTimeOffset.UtcNow;
        await database.SetMetadataAsync(BootstrapAdministrator.ClaimKey, Claim(now), Ct);

        // Act: a node starts while the claim is fresh, and another once it is older than its lifetime.
        var bound = await cluster.AddNodeAsync(Ct);
        await database.SetMetadataAsync(BootstrapAdministrator.ClaimKey, Claim(now - BootstrapAdministrator.ClaimLifetime - TimeSpan.FromMinutes(1)), Ct);
        var taker = await cluster.AddNodeAsync(Ct);

        // Assert: only the second shows a secret, a new one for the same coffer-admin, and it works on the other node.
        Assert.DoesNotContain("AZURE_CLIENT_SECRET", bound.Process.StandardOutput, StringComparison.Ordinal);
        var shown = DevEnvFile.Parse(taker.Process.StandardOutput);
        Assert.Equal(cluster.AdminClientId, shown["AZURE_CLIENT_ID"]);
        Assert.NotEqual(cluster.AdminSecret, shown["AZURE_CLIENT_SECRET"]);
        var credential = bound.Credential(cluster.TenantId, shown["AZURE_CLIENT_ID"], shown["AZURE_CLIENT_SECRET"]);
        var token = await credential.GetTokenAsync(new TokenRequestContext([ClusterNode.Resource + "/.default"]), Ct);
        using var http = bound.BareHost(token.Token);
        await CofferCluster.SubscriptionAsync(http, Ct); // the management API answers the new secret's token
        var nodeId = "node-" + (await File.ReadAllTextAsync(Path.Combine(taker.DataDirectory, "node-id"), Ct)).Trim();
        Assert.StartsWith(nodeId + "@", await database.MetadataAsync(BootstrapAdministrator.ClaimKey, Ct), StringComparison.Ordinal);
        Assert.Equal(shown["AZURE_CLIENT_ID"], await database.MetadataAsync(BootstrapAdministrator.MetadataKey, Ct));
    }

    private static string Claim(DateTimeOffset at) =>
        "node-gone@" + at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
