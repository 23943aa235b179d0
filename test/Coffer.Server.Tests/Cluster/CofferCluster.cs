using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Core;
using Coffer.Testing;

namespace Coffer.Server.Tests.Cluster;

/// <summary>
/// Several real <c>coffer serve</c> processes on one PostgreSQL database, sharing a root key, each with its own data
/// directory and ports, all naming the same public address (<c>--public-port 443</c>) as nodes behind a load balancer
/// do. The first node starts alone (it creates the deployment and shows the bootstrap administrator), the others after it.
/// </summary>
internal sealed class CofferCluster : IAsyncDisposable
{
    private readonly TempDirectory _temp;
    private readonly List<ClusterNode> _nodes;
    private readonly string _connectionString;
    private readonly string _rootKey;

    private CofferCluster(TempDirectory temp, List<ClusterNode> nodes, string connectionString, string rootKey, Dictionary<string, string> admin)
    {
        _temp = temp;
        _nodes = nodes;
        _connectionString = connectionString;
        _rootKey = rootKey;
        TenantId = admin["AZURE_TENANT_ID"];
        AdminClientId = admin["AZURE_CLIENT_ID"];
        AdminSecret = admin["AZURE_CLIENT_SECRET"];
    }

    public IReadOnlyList<ClusterNode> Nodes => _nodes;

    public string TenantId { get; }

    public string AdminClientId { get; }

    public string AdminSecret { get; }

    public static async Task<CofferCluster> StartAsync(string connectionString, int count, CancellationToken cancellationToken)
    {
        var temp = new TempDirectory();
        var rootKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var nodes = new List<ClusterNode>();
        try
        {
            nodes.Add(Start(temp, 0, connectionString, rootKey));
            await nodes[0].Process.WaitForOutputAsync("export AZURE_CLIENT_SECRET=", CofferProcess.StartTimeout, cancellationToken);
            await WaitReadyAsync(nodes[0], cancellationToken);
            for (var i = 1; i < count; i++)
            {
                nodes.Add(Start(temp, i, connectionString, rootKey));
            }

            foreach (var node in nodes.Skip(1))
            {
                await WaitReadyAsync(node, cancellationToken);
            }

            return new CofferCluster(temp, nodes, connectionString, rootKey, DevEnvFile.Parse(nodes[0].Process.StandardOutput));
        }
        catch
        {
            await StopAsync(nodes, temp);
            throw;
        }
    }

    /// <summary>
    /// Starts every node at the same moment on a new database, as an orchestrator does: they race to create the
    /// deployment and its administrator. The administrator is taken from whichever node showed it.
    /// </summary>
    public static async Task<CofferCluster> StartTogetherAsync(string connectionString, int count, CancellationToken cancellationToken)
    {
        var temp = new TempDirectory();
        var rootKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var nodes = new List<ClusterNode>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                nodes.Add(Start(temp, i, connectionString, rootKey));
            }

            await Task.WhenAll(nodes.Select(node => WaitReadyAsync(node, cancellationToken)));

            // A node prints the administrator before it logs that it is serving, on the same output.
            var shown = nodes.FirstOrDefault(node => node.Process.StandardOutput.Contains("export AZURE_CLIENT_SECRET=", StringComparison.Ordinal));
            Assert.True(shown is not null, "No node showed the bootstrap administrator.");
            return new CofferCluster(temp, nodes, connectionString, rootKey, DevEnvFile.Parse(shown.Process.StandardOutput));
        }
        catch
        {
            await StopAsync(nodes, temp);
            throw;
        }
    }

    /// <summary>Starts one more node on the cluster's database and waits until it serves.</summary>
    public async Task<ClusterNode> AddNodeAsync(CancellationToken cancellationToken)
    {
        var node = Start(_temp, _nodes.Count, _connectionString, _rootKey);
        _nodes.Add(node);
        await WaitReadyAsync(node, cancellationToken);
        return node;
    }

    /// <summary>The bootstrap administrator's token, issued by <paramref name="node"/>.</summary>
    public async Task<string> AdminTokenAsync(ClusterNode node, CancellationToken cancellationToken) =>
        (await node.Credential(TenantId, AdminClientId, AdminSecret).GetTokenAsync(new TokenRequestContext([ClusterNode.Resource + "/.default"]), cancellationToken)).Token;

    /// <summary>Creates a vault through <paramref name="node"/>'s management API, as the administrator.</summary>
    public async Task<string> CreateVaultAsync(ClusterNode node, string name, CancellationToken cancellationToken)
    {
        using var http = node.BareHost(await AdminTokenAsync(node, cancellationToken));
        var subscription = await SubscriptionAsync(http, cancellationToken);
        using var body = JsonContent.Create(new
        {
            location = "local",
            properties = new { tenantId = TenantId, sku = new { family = "A", name = "standard" } },
        });
        var path = $"/subscriptions/{subscription}/resourceGroups/cluster/providers/Microsoft.KeyVault/vaults/{name}";
        using var created = await http.PutAsync($"{path}?api-version=2023-07-01", body, cancellationToken);
        Assert.True(created.IsSuccessStatusCode, $"Creating vault {name} failed: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync(cancellationToken)}");
        return path;
    }

    public static async Task<string> SubscriptionAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var list = await http.GetAsync("/subscriptions?api-version=2022-12-01", cancellationToken);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var body = await list.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.GetProperty("value")[0].GetProperty("subscriptionId").GetString()!; // one subscription per deployment
    }

    public ValueTask DisposeAsync() => StopAsync(_nodes, _temp);

    private static async ValueTask StopAsync(IEnumerable<ClusterNode> nodes, TempDirectory temp)
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }

        temp.Dispose();
    }

    private static ClusterNode Start(TempDirectory temp, int index, string connectionString, string rootKey)
    {
        var ports = FreePorts.Take(2);
        var data = Path.Combine(temp.Root, "node" + index.ToString(CultureInfo.InvariantCulture));
        var process = CofferProcess.Start(
            [
                "serve", "--store", "postgres", "--connection", connectionString, "--data", data,
                "--port", ports[0].ToString(CultureInfo.InvariantCulture), "--public-port", "443",
                "--identity-port", ports[1].ToString(CultureInfo.InvariantCulture), "--listen", "127.0.0.1",
            ],
            new Dictionary<string, string?> { ["COFFER_ROOT_KEY"] = rootKey });
        return new ClusterNode(process, data, ports[0], ports[1]);
    }

    private static async Task WaitReadyAsync(ClusterNode node, CancellationToken cancellationToken)
    {
        await node.Process.WaitForOutputAsync("Coffer is serving", CofferProcess.StartTimeout, cancellationToken);
        await node.Process.WaitForPortsAsync(CofferProcess.StartTimeout, cancellationToken, node.Port);
    }
}
