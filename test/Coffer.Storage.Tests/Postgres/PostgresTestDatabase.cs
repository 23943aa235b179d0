using System.Globalization;
using Coffer.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Coffer.Storage.Tests.Postgres;

/// <summary>
/// A fresh, empty PostgreSQL database (<c>coffer_test_…</c>) on the server named by <c>COFFER_TEST_POSTGRES</c>
/// (default: the local server with the <c>coffer</c> role), dropped on dispose, so test classes run in parallel. When
/// the server cannot be reached the test is skipped with the reason, unless <c>COFFER_REQUIRE_POSTGRES=1</c> (as in
/// CI), when it fails.
/// </summary>
internal sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string DefaultConnection = "Host=127.0.0.1;Port=5432;Username=coffer;Password=coffer;Database=postgres";

    private readonly List<PostgresDatabase> _opened = [];
    private string? _connectionString;

    public static string ServerConnection =>
        Environment.GetEnvironmentVariable("COFFER_TEST_POSTGRES") is { Length: > 0 } configured ? configured : DefaultConnection;

    public string Name { get; } = $"coffer_test_{Guid.NewGuid():N}";

    /// <summary>The connection string of this test's database (created on first use).</summary>
    public async Task<string> GetConnectionStringAsync()
    {
        if (_connectionString is not null)
        {
            return _connectionString;
        }

        var server = new NpgsqlConnectionStringBuilder(ServerConnection);
        try
        {
            await using var connection = new NpgsqlConnection(server.ConnectionString);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            // The name is ours (a GUID's hex digits), so it is safe to splice; CREATE DATABASE takes no parameters.
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Name}", connection);
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"PostgreSQL at {server.Host}:{server.Port} is unreachable ({exception.Message}); set COFFER_TEST_POSTGRES or run test/postgres.sh.");
            if (Environment.GetEnvironmentVariable("COFFER_REQUIRE_POSTGRES") == "1")
            {
                throw new InvalidOperationException("COFFER_REQUIRE_POSTGRES=1 but " + reason, exception);
            }

            Assert.Skip(reason);
        }

        server.Database = Name;
        _connectionString = server.ConnectionString;
        return _connectionString;
    }

    /// <summary>A new <see cref="PostgresDatabase"/> (its own pool: another "node") on this test's database.</summary>
    public async Task<PostgresDatabase> OpenAsync()
    {
        var database = new PostgresDatabase(
            new PostgresStorageOptions { ConnectionString = await GetConnectionStringAsync() }, NullLogger<PostgresDatabase>.Instance);
        _opened.Add(database);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _opened)
        {
            await database.DisposeAsync();
        }

        if (_connectionString is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnection);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
