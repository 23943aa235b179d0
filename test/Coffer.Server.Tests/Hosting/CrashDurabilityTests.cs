using System.Net;
using System.Text.Json;
using Coffer.Testing;

namespace Coffer.Server.Tests.Hosting;

/// <summary>A write acknowledged with 200 survives SIGKILL right after the response (DESIGN §2, data at rest).</summary>
public sealed class CrashDurabilityTests
{
    [Fact]
    public async Task SetSecret_ProcessKilledRightAfter200_ValueReadBackAfterRestart()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        var ports = FreePorts.Take(2);
        var (port, identityPort) = (ports[0], ports[1]);
        var value = "survives-sigkill-" + Guid.NewGuid().ToString("N");
        string firstLines;
        string oldToken;
        await using (var first = CofferProcess.StartDev(temp.Data, port, identityPort))
        {
            await first.WaitForOutputAsync("export NODE_EXTRA_CA_CERTS=", CofferProcess.StartTimeout, ct);
            await first.WaitForPortsAsync(CofferProcess.StartTimeout, ct, port, identityPort);
            firstLines = DevLines(first.StandardOutput);
            using var client = new DevClient(temp.Data, port, identityPort, DevEnvFile.Parse(first.StandardOutput)["IDENTITY_HEADER"]);
            oldToken = await client.GetTokenAsync(ct);

            // Act
            using var set = await client.SetSecretAsync(oldToken, "x", value, ct);
            await first.KillAsync();

            Assert.True(set.StatusCode == HttpStatusCode.OK, $"PUT answered {(int)set.StatusCode}: {await set.Content.ReadAsStringAsync(ct)}");
        }

        await using var second = CofferProcess.StartDev(temp.Data, port, identityPort);
        await second.WaitForOutputAsync("export NODE_EXTRA_CA_CERTS=", CofferProcess.StartTimeout, ct);
        await second.WaitForPortsAsync(CofferProcess.StartTimeout, ct, port, identityPort);
        var header = DevEnvFile.Parse(second.StandardOutput)["IDENTITY_HEADER"];
        using var restarted = new DevClient(temp.Data, port, identityPort, header);
        // The old token first: its credential must be live after the restart without a new token request.
        using var gotWithOldToken = await restarted.GetSecretAsync(oldToken, "x", ct);
        var token = await restarted.GetTokenAsync(ct);
        using var got = await restarted.GetSecretAsync(token, "x", ct);

        // Assert
        Assert.Equal(firstLines, DevLines(second.StandardOutput));
        var body = await got.Content.ReadAsStringAsync(ct);
        Assert.True(got.StatusCode == HttpStatusCode.OK, $"GET answered {(int)got.StatusCode}: {body}\n{second.Describe()}");
        using var json = JsonDocument.Parse(body);
        Assert.Equal(value, json.RootElement.GetProperty("value").GetString());
        Assert.StartsWith($"https://dev.localhost:{port}/secrets/x/", json.RootElement.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, gotWithOldToken.StatusCode);
    }

    /// <summary>The --dev block (the first start also prints the bootstrap administrator before it, once).</summary>
    private static string DevLines(string output) =>
        string.Join('\n', output[Math.Max(0, output.IndexOf("# Coffer dev environment", StringComparison.Ordinal))..].Split('\n').Where(line => line.StartsWith("export ", StringComparison.Ordinal) || line.StartsWith('#') || line.StartsWith("unset ", StringComparison.Ordinal)));
}
