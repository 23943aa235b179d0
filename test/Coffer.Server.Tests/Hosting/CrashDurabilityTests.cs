using System.Net;
using System.Text.Json;
using Coffer.Testing;
using Microsoft.Data.Sqlite;

namespace Coffer.Server.Tests.Hosting;

/// <summary>A write acknowledged with 200, and the audit record of any answered request, survive SIGKILL right after the response (DESIGN §2).</summary>
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

    [Fact]
    public async Task AuditRecords_ProcessKilledRightAfterTheResponses_EveryOneThereAndTheChainIntact()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        var ports = FreePorts.Take(2);
        var (port, identityPort) = (ports[0], ports[1]);
        const int Reads = 25;
        await using (var server = CofferProcess.StartDev(temp.Data, port, identityPort))
        {
            await server.WaitForOutputAsync("export NODE_EXTRA_CA_CERTS=", CofferProcess.StartTimeout, ct);
            await server.WaitForPortsAsync(CofferProcess.StartTimeout, ct, port, identityPort);
            using var client = new DevClient(temp.Data, port, identityPort, DevEnvFile.Parse(server.StandardOutput)["IDENTITY_HEADER"]);
            var token = await client.GetTokenAsync(ct);
            using (var set = await client.SetSecretAsync(token, "audited", "v", ct))
            {
                Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            }

            // Act: every read is answered only once its record is durable; the process dies right after the last one,
            // before the background indexing (every 100 ms) has copied the latest records into audit.db.
            var reads = await Task.WhenAll(Enumerable.Range(0, Reads).Select(_ => client.GetSecretAsync(token, "audited", ct)));
            await server.KillAsync();
            Assert.All(reads, read => Assert.Equal(HttpStatusCode.OK, read.StatusCode));
            foreach (var read in reads)
            {
                read.Dispose();
            }
        }

        // With no server running, coffer audit verify owns the log: it indexes what the journal holds, then checks.
        var verify = await Cli.CliRunner.RunAsync(new Dictionary<string, string?>(), "audit", "verify", "--data", temp.Data);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(temp.Data, "audit.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(ct);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM audit_records WHERE operation_name = 'SecretGet' AND http_status_code = 200 AND object_uri LIKE '%/secrets/audited'";

        // Assert
        Assert.True(verify.Exit == 0, $"coffer audit verify exited {verify.Exit}: {verify.Out}{verify.Error}");
        Assert.Equal(Reads, Convert.ToInt32(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The --dev block (the first start also prints the bootstrap administrator before it, once).</summary>
    private static string DevLines(string output) =>
        string.Join('\n', output[Math.Max(0, output.IndexOf("# Coffer dev environment", StringComparison.Ordinal))..].Split('\n').Where(line => line.StartsWith("export ", StringComparison.Ordinal) || line.StartsWith('#') || line.StartsWith("unset ", StringComparison.Ordinal)));
}
