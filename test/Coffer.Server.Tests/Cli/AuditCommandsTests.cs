using Coffer.Core.Abstractions;
using Coffer.Core.Audit;
using Coffer.Core.Identity;
using Coffer.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests.Cli;

/// <summary><c>coffer audit list</c> through the management API and <c>coffer audit verify</c> on the store, as the real executable.</summary>
public sealed class AuditCommandsTests(ClientCommandsTests.Fixture fixture) : IClassFixture<ClientCommandsTests.Fixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_Filters_ReturnOnlyMatchingRecordsInAzuresShape()
    {
        // Arrange
        var name = "audit-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Cli.RunJsonAsync("keyvault", "secret", "set", "--vault-name", "dev", "--name", name, "--value", "listed");
        await fixture.Cli.RunJsonAsync("keyvault", "secret", "show", "--vault-name", "dev", "--name", name);
        var correlation = Guid.NewGuid().ToString("D");
        using (var anonymous = new HttpClient(fixture.Server.CreateHandler()))
        using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Server.DevVaultUri, $"/secrets/{name}?api-version=7.6")))
        {
            request.Headers.Add("x-ms-client-request-id", correlation);
            using var refused = await anonymous.SendAsync(request, Ct);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        var dev = (await fixture.Server.Services.GetRequiredService<IdentityService>().FindAsync("dev", Ct))!; // --dev creates it

        // Act
        var denied = await fixture.Cli.RunJsonAsync("audit", "list", "--vault", "dev", "--operation", "SecretGet", "--result", "Unauthorized", "--result", "Forbidden", "--since", "1h");
        var byCaller = await fixture.Cli.RunJsonAsync("audit", "list", "--caller", dev.PrincipalId.ToString("D"), "--operation", "SecretSet", "--top", "1");
        var table = await fixture.Cli.RunAsync("audit", "list", "--vault", "dev", "--operation", "SecretGet", "-o", "table");
        var none = await fixture.Cli.RunJsonAsync("audit", "list", "--vault", "dev", "--since", "2000-01-01T00:00:00Z", "--until", "2000-01-02T00:00:00Z");
        var queried = await fixture.Cli.RunAsync("audit", "list", "--caller", dev.PrincipalId.ToString("D"), "--operation", "SecretSet", "--top", "1",
            "--query", "[].[operationName, properties.httpStatusCode]", "-o", "tsv");

        // Assert
        Assert.All(denied.EnumerateArray(), r => Assert.Equal(("SecretGet", "Unauthorized"), (r.GetProperty("operationName").GetString(), r.GetProperty("resultType").GetString())));
        var mine = Assert.Single(denied.EnumerateArray(), r => r.TryGetProperty("correlationId", out var id) && id.GetString() == correlation);
        Assert.Equal(401, mine.GetProperty("properties").GetProperty("httpStatusCode").GetInt32());
        Assert.Equal("AuditEvent", mine.GetProperty("category").GetString());
        Assert.False(mine.TryGetProperty("identity", out _));
        var set = Assert.Single(byCaller.EnumerateArray());
        Assert.Equal("SecretSet", set.GetProperty("operationName").GetString());
        Assert.Equal(dev.PrincipalId.ToString("D"), set.GetProperty("identity").GetProperty("claim").GetProperty("http://schemas.microsoft.com/identity/claims/objectidentifier").GetString());
        Assert.Equal(0, table.Exit);
        Assert.Contains("Operation", table.Out, StringComparison.Ordinal);
        Assert.Contains("SecretGet", table.Out, StringComparison.Ordinal);
        Assert.Empty(none.EnumerateArray());
        Assert.Equal((0, "SecretSet\t200\n"), (queried.Exit, queried.Out)); // the query selects from Azure's shape, not the table's
    }

    [Fact]
    public async Task Verify_IntactThenOneRecordAltered_Exit0ThenExit1NamingTheRecord()
    {
        // Arrange: a server of its own (verify reads the store beside the running server, as SQLite's WAL allows).
        await using var server = await CofferServer.StartAsync();
        using (var client = server.CreateHttpClient())
        {
            for (var i = 0; i < 4; i++)
            {
                using var response = await client.GetAsync(new Uri(server.DevVaultUri, "/secrets?api-version=7.6"), Ct);
            }
        }

        // audit.db is indexed from the journal in the background; a query waits until it holds every record so far.
        await server.Services.GetRequiredService<IAuditStore>().QueryAsync(new AuditQuery(), Ct);
        var data = server.DataDirectory;
        var environment = new Dictionary<string, string?>();

        // Act
        var intact = await CliRunner.RunAsync(environment, "audit", "verify", "--data", data);
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, "audit.db")};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var tamper = connection.CreateCommand();
            tamper.CommandText = "UPDATE audit_records SET http_status_code = 200, result_type = 'Success' WHERE sequence = 3";
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync(Ct));
        }

        var broken = await CliRunner.RunAsync(environment, "audit", "verify", "--data", data);

        // Assert
        Assert.True(intact.Exit == 0, intact.Out + intact.Error);
        Assert.Matches("intact: [4-9] records in 1 chains", intact.Out);
        Assert.Equal(1, broken.Exit);
        Assert.Contains("chain 'local', record 3 (", broken.Out, StringComparison.Ordinal);
        Assert.Contains("SecretList): its content does not match its hash", broken.Out, StringComparison.Ordinal);
    }
}
