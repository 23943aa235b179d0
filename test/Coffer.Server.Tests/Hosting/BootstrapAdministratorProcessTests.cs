using System.Globalization;
using System.Net;
using Coffer.Testing;

namespace Coffer.Server.Tests.Hosting;

/// <summary>
/// <c>coffer serve</c> shows the bootstrap administrator's credential once: the first start of a data directory
/// prints the four <c>AZURE_*</c> lines (and the secret nowhere else), a later start prints none, and the secret
/// shown keeps working.
/// </summary>
public sealed class BootstrapAdministratorProcessTests
{
    private static readonly string[] Variables = ["AZURE_AUTHORITY_HOST", "AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET"];

    [Fact]
    public async Task Serve_FirstStartPrintsAdminCredentialOnce_SecondStartPrintsNothing()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        var ports = FreePorts.Take(4);

        // Act: first start.
        Dictionary<string, string> exports;
        string firstOutput;
        await using (var first = Serve(temp.Data, ports[0], ports[1]))
        {
            await first.WaitForOutputAsync("export AZURE_CLIENT_SECRET=", CofferProcess.StartTimeout, ct);
            await first.WaitForPortsAsync(CofferProcess.StartTimeout, ct, ports[0]);
            exports = DevEnvFile.Parse(first.StandardOutput);
            firstOutput = first.StandardOutput + first.StandardError;
        }

        // Act: second start on the same data directory.
        string secondOutput;
        HttpStatusCode tokenStatus;
        await using (var second = Serve(temp.Data, ports[2], ports[3]))
        {
            await second.WaitForOutputAsync("Coffer is serving", CofferProcess.StartTimeout, ct);
            await second.WaitForPortsAsync(CofferProcess.StartTimeout, ct, ports[2]);
            using var client = new DevClient(temp.Data, ports[2], ports[3], identityHeader: string.Empty);
            using var token = await client.PostFormAsync($"/{exports["AZURE_TENANT_ID"]}/oauth2/v2.0/token", new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = exports["AZURE_CLIENT_ID"],
                ["client_secret"] = exports["AZURE_CLIENT_SECRET"],
                ["scope"] = $"https://localhost:{ports[2]}/.default",
            }, ct);
            tokenStatus = token.StatusCode;
            secondOutput = second.StandardOutput + second.StandardError;
        }

        // Assert
        Assert.All(Variables, name => Assert.True(exports.ContainsKey(name), $"{name} is not printed.\n{firstOutput}"));
        Assert.Equal($"https://localhost:{ports[0].ToString(CultureInfo.InvariantCulture)}", exports["AZURE_AUTHORITY_HOST"]);
        Assert.True(Guid.TryParse(exports["AZURE_TENANT_ID"], out _));
        Assert.True(Guid.TryParse(exports["AZURE_CLIENT_ID"], out _));
        Assert.Matches("^[A-Za-z0-9_-]{43}$", exports["AZURE_CLIENT_SECRET"]);
        Assert.Contains("shown once", firstOutput, StringComparison.Ordinal);
        Assert.Single(firstOutput.Split(exports["AZURE_CLIENT_SECRET"])[1..]);
        Assert.DoesNotContain("AZURE_CLIENT_SECRET", secondOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(exports["AZURE_CLIENT_SECRET"], secondOutput, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, tokenStatus);
    }

    private static CofferProcess Serve(string data, int port, int identityPort) =>
        CofferProcess.Start(
        [
            "serve", "--data", data, "--port", port.ToString(CultureInfo.InvariantCulture),
            "--identity-port", identityPort.ToString(CultureInfo.InvariantCulture), "--listen", "127.0.0.1",
        ]);
}
