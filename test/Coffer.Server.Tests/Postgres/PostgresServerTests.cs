using System.Globalization;
using System.Net;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Coffer.Core.Abstractions;
using Coffer.Server.Hosting;
using Coffer.Server.Tests.Cli;
using Coffer.Storage.Tests.Postgres;
using Coffer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Coffer.Server.Tests.Postgres;

/// <summary>
/// The unmodified .NET SDK against <c>coffer serve --store postgres</c> (the in-process host with the same options),
/// and a SQLite deployment moved with the real <c>coffer store copy</c> and served from PostgreSQL.
/// </summary>
public sealed class PostgresServerTests : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly string _database = TestPostgres.NewDatabaseName();
    private string? _connection;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string RootKeyFile => Path.Combine(_directory.Root, "root.key");

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await TestPostgres.DropDatabaseAsync(_database);
        }

        _directory.Dispose();
    }

    [Fact]
    public async Task SecretClient_OnAPostgresStore_SetsGetsListsAndDeletes()
    {
        // Arrange
        var connection = await ConnectionAsync();
        await using var server = await CofferServer.StartAsync(dataDirectory: _directory.Data, configureOptions: o => UsePostgres(o, connection));
        var client = SecretClientFor(server, server.AdminClientId, server.AdminClientSecret);

        // Act
        var first = await client.SetSecretAsync("db-password", "first", Ct);
        var second = await client.SetSecretAsync("db-password", "second", Ct);
        await client.SetSecretAsync("api-key", "k", Ct);
        var latest = await client.GetSecretAsync("DB-PASSWORD", cancellationToken: Ct);
        var older = await client.GetSecretAsync("db-password", first.Value.Properties.Version, Ct);
        var names = new List<string>();
        await foreach (var properties in client.GetPropertiesOfSecretsAsync(Ct))
        {
            names.Add(properties.Name);
        }

        var deleting = await client.StartDeleteSecretAsync("api-key", Ct);
        await deleting.WaitForCompletionAsync(Ct);
        var deleted = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync("api-key", cancellationToken: Ct));

        // Assert
        Assert.Equal("second", latest.Value.Value);
        Assert.Equal(second.Value.Properties.Version, latest.Value.Properties.Version);
        Assert.Equal("first", older.Value.Value);
        Assert.Equal(["api-key", "db-password"], names.Order());
        Assert.Equal(404, deleted.Status);
        Assert.Equal("api-key", (await client.GetDeletedSecretAsync("api-key", Ct)).Value.Name);
        var chain = Assert.Single(await server.Services.GetRequiredService<IAuditStore>().ListChainsAsync(Ct));
        Assert.StartsWith("node-", chain.ChainId, StringComparison.Ordinal);
        Assert.True(chain.Sequence >= 6);
    }

    [Fact]
    public async Task StoreCopy_SqliteDeploymentMadeThroughTheSdk_ServesTheSameSecretsFromPostgres()
    {
        // Arrange: a SQLite deployment, written through the SDK, then stopped.
        string adminId, adminSecret;
        string version;
        await using (var sqlite = await CofferServer.StartAsync(dataDirectory: _directory.Data, configureOptions: o => o.RootKeyFile = RootKeyFile))
        {
            sqlite.KeepDataDirectory = true;
            adminId = sqlite.AdminClientId;
            adminSecret = sqlite.AdminClientSecret;
            var client = SecretClientFor(sqlite, adminId, adminSecret);
            version = (await client.SetSecretAsync("db-password", "before-the-move", Ct)).Value.Properties.Version;
            await client.SetSecretAsync("db-password", "after-the-move", Ct);
            await client.SetSecretAsync("Api-Key", "k-123", Ct);
        }

        var connection = await ConnectionAsync();

        // Act
        var (exit, stdout, stderr) = await CliRunner.RunAsync(
            new Dictionary<string, string?> { ["COFFER_CONNECTION"] = null }, "store", "copy", "--from", _directory.Data, "--to", connection);
        var again = await CliRunner.RunAsync(new Dictionary<string, string?>(), "store", "copy", "--from", _directory.Data, "--to", connection);
        // The same node and data directory (its TLS CA and dev.env stay), now serving from PostgreSQL.
        await using var postgres = await CofferServer.StartAsync(dataDirectory: _directory.Data, configureOptions: o => UsePostgres(o, connection));
        var copied = SecretClientFor(postgres, adminId, adminSecret);

        // Assert
        Assert.True(exit == 0, stderr);
        Assert.Matches(@"secret_versions\s+3", stdout);
        Assert.DoesNotContain("Password=", stdout + stderr, StringComparison.Ordinal);
        Assert.Equal("after-the-move", (await copied.GetSecretAsync("db-password", cancellationToken: Ct)).Value.Value);
        Assert.Equal("before-the-move", (await copied.GetSecretAsync("db-password", version, Ct)).Value.Value);
        Assert.Equal("Api-Key", (await copied.GetSecretAsync("api-key", cancellationToken: Ct)).Value.Name);
        Assert.Equal(1, again.Exit);
        Assert.Contains("already holds data", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoreCopy_AuditLogOfAKilledSqliteServer_EveryRecordMovedAndTheChainVerifies()
    {
        // Arrange: reads answered only once their records are durable, then SIGKILL before the background indexing has
        // copied the newest ones from the journal into audit.db.
        const int Reads = 20;
        var ports = FreePorts.Take(2);
        var connection = await ConnectionAsync();
        (int Exit, string Out, string Error) whileRunning;
        await using (var sqlite = CofferProcess.StartDev(_directory.Data, ports[0], ports[1]))
        {
            await sqlite.WaitForOutputAsync("export NODE_EXTRA_CA_CERTS=", CofferProcess.StartTimeout, Ct);
            await sqlite.WaitForPortsAsync(CofferProcess.StartTimeout, Ct, ports[0], ports[1]);
            using var client = new DevClient(_directory.Data, ports[0], ports[1], DevEnvFile.Parse(sqlite.StandardOutput)["IDENTITY_HEADER"]);
            var token = await client.GetTokenAsync(Ct);
            using (var set = await client.SetSecretAsync(token, "audited", "v", Ct))
            {
                Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            }

            whileRunning = await CliRunner.RunAsync(new Dictionary<string, string?>(), "store", "copy", "--from", _directory.Data, "--to", connection);
            var reads = await Task.WhenAll(Enumerable.Range(0, Reads).Select(_ => client.GetSecretAsync(token, "audited", Ct)));
            await sqlite.KillAsync();
            Assert.All(reads, read => Assert.Equal(HttpStatusCode.OK, read.StatusCode));
            foreach (var read in reads)
            {
                read.Dispose();
            }
        }

        // Act
        var (exit, stdout, stderr) = await CliRunner.RunAsync(new Dictionary<string, string?>(), "store", "copy", "--from", _directory.Data, "--to", connection);
        var verify = await CliRunner.RunAsync(new Dictionary<string, string?>(), "audit", "verify", "--store", "postgres", "--connection", connection);
        await using var database = new NpgsqlConnection(connection);
        await database.OpenAsync(Ct);
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM audit_records WHERE chain_id = 'local' AND operation_name = 'SecretGet' AND http_status_code = 200 AND object_uri LIKE '%/secrets/audited'",
            database);

        // Assert
        Assert.Equal(1, whileRunning.Exit);
        Assert.Contains("Stop it, then copy", whileRunning.Error, StringComparison.Ordinal);
        Assert.True(exit == 0, stderr);
        Assert.Matches(@"audit_records\s+\d+", stdout);
        Assert.Matches(@"audit_chains\s+1\b", stdout);
        Assert.Equal(Reads, Convert.ToInt32(await count.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture));
        Assert.True(verify.Exit == 0, $"coffer audit verify exited {verify.Exit}: {verify.Out}{verify.Error}");
        Assert.Contains("intact", verify.Out, StringComparison.Ordinal);
        Assert.Contains("in 1 chains", verify.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PostgresWithoutAnExplicitRootKey_RefusesWithTheReason()
    {
        // Arrange
        var connection = await ConnectionAsync();

        // Act
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => CofferServer.StartAsync(
            dataDirectory: _directory.Data,
            configureOptions: o =>
            {
                o.Store = StoreKind.Postgres;
                o.ConnectionString = connection;
            }));

        // Assert
        Assert.Contains("root key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(connection, error.Message, StringComparison.Ordinal);
    }

    private async Task<string> ConnectionAsync() => _connection ??= await TestPostgres.CreateDatabaseAsync(_database);

    private void UsePostgres(ServeOptions options, string connection)
    {
        options.Store = StoreKind.Postgres;
        options.ConnectionString = connection;
        options.RootKeyFile = RootKeyFile;
    }

    private static SecretClient SecretClientFor(CofferServer server, string clientId, string secret)
    {
        TokenCredential credential = new ClientSecretCredential(server.TenantId.ToString("D"), clientId, secret, new ClientSecretCredentialOptions
        {
            AuthorityHost = new Uri(server.Resource),
            DisableInstanceDiscovery = true,
            Transport = new HttpClientTransport(server.CreateHandler()),
            Retry = { MaxRetries = 0 },
        });
        var options = new SecretClientOptions { Transport = new HttpClientTransport(server.CreateHandler()) };
        options.Retry.MaxRetries = 0;
        return new SecretClient(server.DevVaultUri, credential, options);
    }
}
