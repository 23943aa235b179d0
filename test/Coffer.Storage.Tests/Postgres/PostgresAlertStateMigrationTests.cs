using Coffer.Core.Audit;
using Coffer.Storage.Postgres;
using Npgsql;

namespace Coffer.Storage.Tests.Postgres;

/// <summary>
/// The alert-state migration on a database written just before it: a cursor that named the newest record sent in time
/// order becomes, per chain, the last record at or before it.
/// </summary>
public sealed class PostgresAlertStateMigrationTests : IAsyncDisposable
{
    private readonly PostgresTestDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task AlertStateMigration_CursorOverTwoChains_BecomesEachChainsLastRecordAtOrBeforeIt()
    {
        // Arrange: the cursor is node-a's record 2 at t=20 s; node-b's records at 10 s and 19 s come before it in
        // the old order, its record at 30 s after.
        // Found by what it adds, not by its number: migrations are ordered when branches merge.
        var before = PostgresSchema.Migrations.TakeWhile(m => !m.Contains("sent_sequences", StringComparison.Ordinal)).ToArray();
        Assert.True(before.Length < PostgresSchema.Migrations.Count, "No migration adds the per-chain alert positions.");
        var rows = string.Join(",\n", new[] { ("node-a", 1, 10), ("node-a", 2, 20), ("node-a", 3, 40), ("node-b", 1, 10), ("node-b", 2, 19), ("node-b", 3, 30) }
            .Select(r => $"('{r.Item1}', {r.Item2}, 'p', 'h', {1_790_000_000_000_000L + (r.Item3 * 1_000_000L)}, '/subscriptions/s', 'SecretGet', 'AuditEvent', 'Forbidden', 'Forbidden', 1, false, 'https://v.localhost/secrets/s', 403, 0)"));
        await ExecuteAsync(string.Join(";\n", before) + ";\n" + PostgresSchema.MigrationTable + ";\n" + $"""
            INSERT INTO schema_migrations (version, applied) SELECT v, 0 FROM generate_series(1, {before.Length}) AS v;
            INSERT INTO audit_records (chain_id, sequence, previous_hash, hash, time_us, resource_id, operation_name, category, result_type,
                result_signature, duration_ms, has_identity, request_uri, http_status_code, decided_by) VALUES {rows};
            INSERT INTO alert_rules (resource_group, name, scope, operations, result_types, threshold, window_seconds, frequency_seconds,
                webhook, enabled, severity, last_evaluated, last_fired, cursor_time_us, cursor_chain, cursor_sequence)
            VALUES ('rg', 'fired', '/subscriptions/s', 'SecretGet', 'Forbidden', 0, 300, 60, 'https://hooks.example.com/a', true, 3,
                1790000100, 1790000100, {1_790_000_000_000_000L + 20_000_000L}, 'node-a', 2);
            """);
        var database = await _database.OpenAsync();

        // Act
        var version = await database.MigrateAsync(Ct);
        var rule = await new PostgresAlertRuleStore(database).GetAsync("rg", "fired", Ct);

        // Assert
        Assert.Equal(PostgresSchema.LatestVersion, version);
        Assert.Equal(ChainSequences.Parse("node-a:2,node-b:2"), rule!.State.Sent);
        Assert.Null(rule.State.Seen);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(await _database.GetConnectionStringAsync());
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
