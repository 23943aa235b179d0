using System.Globalization;
using Npgsql;

namespace Coffer.Server.Tests.Cluster;

/// <summary>
/// A fresh, empty database for one cluster test on the PostgreSQL server named by <c>COFFER_TEST_POSTGRES</c> (default:
/// the local server with the <c>coffer</c> role), dropped on dispose. When the server cannot be reached the test is
/// skipped with the reason, unless <c>COFFER_REQUIRE_POSTGRES=1</c> (as in CI), when it fails.
/// </summary>
internal sealed class ClusterDatabase : IAsyncDisposable
{
    public const string DefaultConnection = "Host=127.0.0.1;Port=5432;Username=coffer;Password=coffer;Database=postgres";

    private ClusterDatabase(string server, string name, string connectionString)
    {
        Server = server;
        Name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    private string Server { get; }

    private string Name { get; }

    public static async Task<ClusterDatabase> CreateAsync(string? server = null)
    {
        server ??= Environment.GetEnvironmentVariable("COFFER_TEST_POSTGRES") is { Length: > 0 } configured ? configured : DefaultConnection;
        var name = $"coffer_cluster_{Guid.NewGuid():N}";
        var builder = new NpgsqlConnectionStringBuilder(server);
        try
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            // The name is ours (a GUID's hex digits), so it is safe to splice; CREATE DATABASE takes no parameters.
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"PostgreSQL at {builder.Host}:{builder.Port} is unreachable ({exception.Message}); set COFFER_TEST_POSTGRES or run test/postgres.sh.");
            if (Environment.GetEnvironmentVariable("COFFER_REQUIRE_POSTGRES") == "1")
            {
                throw new InvalidOperationException("COFFER_REQUIRE_POSTGRES=1 but " + reason, exception);
            }

            Assert.Skip(reason);
        }

        builder.Database = name;
        return new ClusterDatabase(server, name, builder.ConnectionString);
    }

    /// <summary>Who holds each job's lease: job → (holder, expires).</summary>
    public async Task<Dictionary<string, (string Holder, DateTimeOffset Expires)>> LeasesAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT job, holder, expires FROM job_leases", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var leases = new Dictionary<string, (string, DateTimeOffset)>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            leases[reader.GetString(0)] = (reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)));
        }

        return leases;
    }

    /// <summary>A deployment setting from the <c>metadata</c> table, or null.</summary>
    public async Task<string?> MetadataAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT value FROM metadata WHERE key = @key", connection);
        command.Parameters.AddWithValue("key", key);
        return (string?)await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Writes a deployment setting behind Coffer's back (null deletes it), as a node that stopped half-way leaves it.</summary>
    public async Task SetMetadataAsync(string key, string? value, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            value is null
                ? "DELETE FROM metadata WHERE key = @key"
                : "INSERT INTO metadata (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            connection);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("value", (object?)value ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
