using System.Globalization;
using Npgsql;

namespace Coffer.Storage.Tests.Postgres;

/// <summary>
/// Throwaway databases (<c>coffer_test_…</c>) on the PostgreSQL server named by <c>COFFER_TEST_POSTGRES</c> (default:
/// the local server with the <c>coffer</c> role), one per test, so tests run in parallel. When the server cannot be
/// reached the test is skipped with the reason, unless <c>COFFER_REQUIRE_POSTGRES=1</c> (as in CI), when it fails.
/// Linked into the server tests too.
/// </summary>
internal static class TestPostgres
{
    public const string DefaultConnection = "Host=127.0.0.1;Port=5432;Username=coffer;Password=coffer;Database=postgres";

    public static string ServerConnection =>
        Environment.GetEnvironmentVariable("COFFER_TEST_POSTGRES") is { Length: > 0 } configured ? configured : DefaultConnection;

    public static string NewDatabaseName() => $"coffer_test_{Guid.NewGuid():N}";

    /// <summary>Creates the database and returns its connection string; skips or fails the test when the server is unreachable.</summary>
    public static async Task<string> CreateDatabaseAsync(string name)
    {
        var server = new NpgsqlConnectionStringBuilder(ServerConnection);
        try
        {
            await using var connection = new NpgsqlConnection(server.ConnectionString);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            // The name is ours (a GUID's hex digits), so it is safe to splice; CREATE DATABASE takes no parameters.
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"PostgreSQL at {server.Host}:{server.Port} is unreachable ({exception.Message}); set COFFER_TEST_POSTGRES or run test/postgres.sh.");
            if (Environment.GetEnvironmentVariable("COFFER_REQUIRE_POSTGRES") == "1")
            {
                throw new InvalidOperationException("COFFER_REQUIRE_POSTGRES=1 but " + reason, exception);
            }

            Assert.Skip(reason);
        }

        server.Database = name;
        return server.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnection);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
