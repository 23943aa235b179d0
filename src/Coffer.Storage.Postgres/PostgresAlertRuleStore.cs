using Coffer.Core.Abstractions;
using Coffer.Core.Alerts;
using Coffer.Core.Audit;
using Npgsql;

namespace Coffer.Storage.Postgres;

/// <summary>
/// <see cref="IAlertRuleStore"/> on PostgreSQL: one row per resource group and name (unique on their lower-case forms);
/// a replacement updates the definition columns only, so the evaluation state survives it.
/// </summary>
internal sealed class PostgresAlertRuleStore : IAlertRuleStore
{
    private const string Definition = "scope, operations, result_types, caller, threshold, window_seconds, frequency_seconds, webhook, enabled, severity, description";
    private const string Columns = "resource_group, name, " + Definition + ", last_evaluated, last_fired, sent_sequences, seen_sequences";
    private const string Match = "lower(resource_group) = lower(@group) AND lower(name) = lower(@name)";

    private readonly PostgresDatabase _database;

    public PostgresAlertRuleStore(PostgresDatabase database) => _database = database;

    public async Task<bool> PutAsync(AlertRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        await using var connection = await _database.OpenAsync(cancellationToken);
        // One upsert, so two nodes putting the same rule agree on which created it; xmax is 0 only on a freshly inserted row.
        await using var command = connection.CreateCommand($"""
            INSERT INTO alert_rules (resource_group, name, {Definition})
            VALUES (@group, @name, @scope, @operations, @results, @caller, @threshold, @window, @frequency, @webhook, @enabled, @severity, @description)
            ON CONFLICT (lower(resource_group), lower(name)) DO UPDATE SET scope = excluded.scope, operations = excluded.operations,
                result_types = excluded.result_types, caller = excluded.caller, threshold = excluded.threshold,
                window_seconds = excluded.window_seconds, frequency_seconds = excluded.frequency_seconds, webhook = excluded.webhook,
                enabled = excluded.enabled, severity = excluded.severity, description = excluded.description,
                seen_sequences = NULL
            RETURNING xmax = 0
            """);
        Bind(command, rule);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<AlertRule?> GetAsync(string resourceGroup, string name, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM alert_rules WHERE {Match}")
            .With("@group", resourceGroup).With("@name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<bool> DeleteAsync(string resourceGroup, string name, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"DELETE FROM alert_rules WHERE {Match}")
            .With("@group", resourceGroup).With("@name", name);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<AlertRule>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM alert_rules ORDER BY lower(resource_group), lower(name)");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rules = new List<AlertRule>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rules.Add(Read(reader));
        }

        return rules;
    }

    public async Task<bool> SaveStateAsync(string resourceGroup, string name, AlertRuleState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"""
            UPDATE alert_rules SET last_evaluated = @evaluated, last_fired = @fired, sent_sequences = @sent, seen_sequences = @seen
            WHERE {Match}
            """)
            .With("@group", resourceGroup)
            .With("@name", name)
            .With("@evaluated", PostgresValues.Time(state.LastEvaluated))
            .With("@fired", PostgresValues.Time(state.LastFired))
            .With("@sent", state.Sent.Count == 0 ? null : state.Sent.ToString())
            .With("@seen", state.Seen?.ToString());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static void Bind(NpgsqlCommand command, AlertRule rule) => command
        .With("@group", rule.ResourceGroup)
        .With("@name", rule.Name)
        .With("@scope", rule.Scope)
        .With("@operations", string.Join(',', rule.Operations))
        .With("@results", string.Join(',', rule.ResultTypes))
        .With("@caller", rule.Caller)
        .With("@threshold", rule.Threshold)
        .With("@window", (long)rule.Window.TotalSeconds)
        .With("@frequency", (long)rule.Frequency.TotalSeconds)
        .With("@webhook", rule.Webhook.OriginalString)
        .With("@enabled", rule.Enabled)
        .With("@severity", rule.Severity)
        .With("@description", rule.Description);

    private static AlertRule Read(NpgsqlDataReader reader) => new(reader.GetString(0), reader.GetString(1))
    {
        Scope = reader.GetString(2),
        Operations = Split(reader.GetString(3)),
        ResultTypes = Split(reader.GetString(4)),
        Caller = reader.GetStringOrNull(5),
        Threshold = reader.GetInt32(6),
        Window = TimeSpan.FromSeconds(reader.GetInt64(7)),
        Frequency = TimeSpan.FromSeconds(reader.GetInt64(8)),
        Webhook = new Uri(reader.GetString(9)),
        Enabled = reader.GetBoolean(10),
        Severity = reader.GetInt32(11),
        Description = reader.GetStringOrNull(12),
        State = new AlertRuleState(
            reader.GetTimeOrNull(13),
            reader.GetTimeOrNull(14),
            reader.IsDBNull(15) ? ChainSequences.Empty : ChainSequences.Parse(reader.GetString(15)),
            reader.IsDBNull(16) ? null : ChainSequences.Parse(reader.GetString(16))),
    };

    private static string[] Split(string joined) => joined.Length == 0 ? [] : joined.Split(',');
}
