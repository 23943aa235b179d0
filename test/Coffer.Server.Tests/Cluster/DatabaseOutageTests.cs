using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Security.KeyVault.Secrets;

namespace Coffer.Server.Tests.Cluster;

/// <summary>
/// A <c>coffer serve</c> node whose PostgreSQL server stops under it: every request that needs the database is a 503
/// <c>ServiceUnavailable</c> with <c>Retry-After</c> (the data plane, the management API, the token endpoint), tokens
/// are still verified from memory, the outage is logged once without the connection string, and when the server comes
/// back the node serves again by itself, the unmodified SDK included.
/// </summary>
public sealed class DatabaseOutageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DatabaseStopsAndReturns_NodeAnswers503WithRetryAfter_ThenRecoversByItself()
    {
        // Arrange: one node on a PostgreSQL server of the test's own, a secret written through the SDK.
        await using var postgres = await PrivatePostgres.StartAsync(Ct);
        await using var cluster = await CofferCluster.StartAsync(postgres.ConnectionString, 1, Ct);
        var node = cluster.Nodes[0];
        var vault = await cluster.CreateVaultAsync(node, "outage", Ct);
        var admin = node.Credential(cluster.TenantId, cluster.AdminClientId, cluster.AdminSecret);
        await node.Secrets("outage", admin).SetSecretAsync("db", "before the outage", Ct);
        var token = await cluster.AdminTokenAsync(node, Ct);
        using var http = node.BareHost(token);
        using var data = new HttpClient(node.Handler(), disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) };
        data.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var secretUri = new Uri(ClusterNode.VaultUri("outage"), "/secrets/db?api-version=7.6");

        // Act: the database goes away.
        await postgres.StopServerAsync(Ct);
        using var secret = await data.GetAsync(secretUri, Ct);
        using var management = await http.GetAsync($"{vault[..vault.LastIndexOf('/')]}?api-version=2023-07-01", Ct); // the list reads the store
        using var tokenRequest = await http.PostAsync($"/{cluster.TenantId}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = cluster.AdminClientId,
            ["client_secret"] = cluster.AdminSecret,
            ["scope"] = ClusterNode.Resource + "/.default",
        }), Ct);
        using var keys = await http.GetAsync($"/{cluster.TenantId}/discovery/v2.0/keys", Ct);
        var secretBody = await secret.Content.ReadFromJsonAsync<JsonElement>(Ct);

        // Act: it comes back; the node must serve again without being touched.
        await postgres.StartServerAsync(Ct);
        var recovered = await EventuallyOkAsync(data, secretUri);
        var afterwards = node.Secrets("outage", node.Credential(cluster.TenantId, cluster.AdminClientId, cluster.AdminSecret));
        await afterwards.SetSecretAsync("db", "after the outage", Ct);
        KeyVaultSecret read = await afterwards.GetSecretAsync("db", cancellationToken: Ct);
        await node.Process.WaitForOutputAsync("reconnected after a failure: True", TimeSpan.FromSeconds(30), Ct); // its retries back off to 5 s

        // Assert: 503s with Key Vault's error shape and a retry hint, naming nothing of the database. Even the signing
        // keys, which are in memory, are refused: no request is served while its audit record cannot be written.
        foreach (var response in new[] { secret, management, tokenRequest, keys })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        }

        Assert.Equal("ServiceUnavailable", secretBody.GetProperty("error").GetProperty("code").GetString());
        var message = secretBody.GetProperty("error").GetProperty("message").GetString()!; // Key Vault's errors carry one
        Assert.DoesNotContain("Npgsql", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(postgres.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, recovered);
        Assert.Equal("after the outage", read.Value);

        // Assert: logged once for the outage (the change feed came back, above), the password appears nowhere.
        var output = node.Process.StandardOutput + node.Process.StandardError;
        Assert.Single(output.Split("[6140]")[1..]);
        Assert.DoesNotContain(postgres.Password, output, StringComparison.Ordinal);
    }

    /// <summary>Asks again every 250 ms, for at most a minute, until the answer is 200 (pooled connections reopen on their own).</summary>
    private static async Task<HttpStatusCode> EventuallyOkAsync(HttpClient client, Uri uri)
    {
        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 240 && status != HttpStatusCode.OK; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(250, Ct);
            }

            using var response = await client.GetAsync(uri, Ct);
            status = response.StatusCode;
        }

        return status;
    }
}
