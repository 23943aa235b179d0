using Npgsql;

namespace Coffer.Storage.Tests.Postgres;

/// <summary>
/// Reads a statement's plan with sequential scans disabled: PostgreSQL still picks one when no index can serve the
/// query, so a plan without "Seq Scan" (and without "Sort") proves an index matches it, however few rows a test has.
/// </summary>
internal static class PostgresQueryPlans
{
    public static async Task<IReadOnlyList<string>> ExplainAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var settings = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await settings.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand("EXPLAIN " + sql, connection);
        foreach (var name in new[] { "vault", "name", "version", "after", "take", "now" })
        {
            if (sql.Contains('@' + name, StringComparison.Ordinal))
            {
                command.Parameters.AddWithValue(name, name switch { "take" => 10, "after" when sql.Contains("seq > @after", StringComparison.Ordinal) => 0L, "now" => 0L, _ => (object)"x" });
            }
        }

        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            plan.Add(reader.GetString(0));
        }

        return plan;
    }
}
