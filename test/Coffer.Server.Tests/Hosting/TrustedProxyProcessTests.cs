using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Coffer.Testing;

namespace Coffer.Server.Tests.Hosting;

/// <summary><c>coffer serve --trusted-proxy</c> as a user runs it: the flag reaches the firewall of a running server.</summary>
public sealed class TrustedProxyProcessTests
{
    [Fact]
    public async Task Serve_TrustedProxy_BelievesItsForwardedForInTheFirewall()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        var ports = FreePorts.Take(2);
        await using var coffer = CofferProcess.Start(
        [
            "serve", "--dev", "--data", temp.Data, "--port", ports[0].ToString(CultureInfo.InvariantCulture),
            "--identity-port", ports[1].ToString(CultureInfo.InvariantCulture), "--listen", "127.0.0.1", "--trusted-proxy", "127.0.0.1",
        ]);
        await coffer.WaitForOutputAsync("export NODE_EXTRA_CA_CERTS=", CofferProcess.StartTimeout, ct);
        await coffer.WaitForPortsAsync(CofferProcess.StartTimeout, ct, ports[0], ports[1]);
        using var dev = new DevClient(temp.Data, ports[0], ports[1], DevEnvFile.Parse(coffer.StandardOutput)["IDENTITY_HEADER"]);
        var token = await dev.GetTokenAsync(ct);
        using var ca = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(Path.Combine(temp.Data, "ca.crt"));
        using var http = new HttpClient(CofferServer.CreateLoopbackHandler(ca));
        var bareHost = $"https://localhost:{ports[0]}";
        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? json = null, string? forwardedFor = null)
        {
            using var request = new HttpRequestMessage(method, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (json is not null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            if (forwardedFor is not null)
            {
                request.Headers.Add("X-Forwarded-For", forwardedFor);
            }

            return await http.SendAsync(request, ct);
        }

        using var subscriptions = await SendAsync(HttpMethod.Get, $"{bareHost}/subscriptions?api-version=2022-12-01");
        using var list = JsonDocument.Parse(await subscriptions.Content.ReadAsStringAsync(ct));
        var subscription = list.RootElement.GetProperty("value")[0].GetProperty("subscriptionId").GetString();
        using var patch = await SendAsync(
            HttpMethod.Patch,
            $"{bareHost}/subscriptions/{subscription}/resourceGroups/coffer/providers/Microsoft.KeyVault/vaults/dev?api-version=2023-07-01",
            """{"properties":{"networkAcls":{"defaultAction":"Deny","ipRules":[{"value":"203.0.113.0/24"}]}}}""");
        var read = $"https://dev.localhost:{ports[0]}/secrets?api-version=7.6";

        // Act
        using var fromProxyItself = await SendAsync(HttpMethod.Get, read);
        using var forAllowedCaller = await SendAsync(HttpMethod.Get, read, forwardedFor: "203.0.113.9");
        using var forOtherCaller = await SendAsync(HttpMethod.Get, read, forwardedFor: "198.51.100.9");

        // Assert
        Assert.True(patch.StatusCode == HttpStatusCode.OK, await patch.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.Forbidden, fromProxyItself.StatusCode);
        Assert.Equal(HttpStatusCode.OK, forAllowedCaller.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forOtherCaller.StatusCode);
        Assert.Contains("Client address: 198.51.100.9", await forOtherCaller.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }
}
