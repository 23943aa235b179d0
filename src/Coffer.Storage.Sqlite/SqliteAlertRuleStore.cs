using Coffer.Core.Abstractions;
using Coffer.Core.Alerts;
using Coffer.Core.Audit;
using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

/// <summary>
/// <see cref="IAlertRuleStore"/> on SQLite: one row per resource group and name (<c>COLLATE NOCASE</c>); a replacement
/// updates the definition columns only, so the evaluation state survives it.
/// </summary>
internal sealed class SqliteAlertRuleStore : IAlertRuleStore
{
    private const string Definition = "scope, operations, result_types, caller, threshold, window_seconds, frequency_seconds, webhook, enabled, severity, description";
    private const string Columns = "resource_group, name, " + Definition + ", last_evaluated, last_fired, sent_sequences, seen_sequences";

    private readonly SqliteDatabase _database;

    public SqliteAlertRuleStore(SqliteDatabase database) => _database = database;

    public async Task<bool> PutAsync(AlertRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        await using var transaction = lease.BeginTransaction();
        bool created;
        await using (var update = lease.Connection.CreateCommand(
            """
            UPDATE alert_rules SET scope = $scope, operations = $operations, result_types = $results, caller = $caller, threshold = $threshold,
                window_seconds = $window, frequency_seconds = $frequency, webhook = $webhook, enabled = $enabled, severity = $severity, description = $description,
                seen_sequences = NULL
            WHERE resource_group = $group AND name = $name
            """, transaction))
        {
            created = await Bind(update, rule).ExecuteNonQueryAsync(cancellationToken) == 0;
        }

        if (created)
        {
            await using var insert = lease.Connection.CreateCommand(
                $"INSERT INTO alert_rules (resource_group, name, {Definition}) VALUES ($group, $name, $scope, $operations, $results, $caller, $threshold, $window, $frequency, $webhook, $enabled, $severity, $description)",
                transaction);
            await Bind(insert, rule).ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    public async Task<AlertRule?> GetAsync(string resourceGroup, string name, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM alert_rules WHERE resource_group = $group AND name = $name")
            .With("$group", resourceGroup).With("$name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<bool> DeleteAsync(string resourceGroup, string name, CancellationToken cancellationToken)
    {
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        await using var command = lease.Connection.CreateCommand("DELETE FROM alert_rules WHERE resource_group = $group AND name = $name")
            .With("$group", resourceGroup).With("$name", name);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<AlertRule>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM alert_rules ORDER BY resource_group, name");
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
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        await using var command = lease.Connection.CreateCommand(
            """
            UPDATE alert_rules SET last_evaluated = $evaluated, last_fired = $fired, sent_sequences = $sent, seen_sequences = $seen
            WHERE resource_group = $group AND name = $name
            """)
            .With("$group", resourceGroup)
            .With("$name", name)
            .With("$evaluated", SqliteValues.Time(state.LastEvaluated))
            .With("$fired", SqliteValues.Time(state.LastFired))
            .With("$sent", state.Sent.Count == 0 ? null : state.Sent.ToString())
            .With("$seen", state.Seen?.ToString());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static SqliteCommand Bind(SqliteCommand command, AlertRule rule) => command
        .With("$group", rule.ResourceGroup)
        .With("$name", rule.Name)
        .With("$scope", rule.Scope)
        .With("$operations", string.Join(',', rule.Operations))
        .With("$results", string.Join(',', rule.ResultTypes))
        .With("$caller", rule.Caller)
        .With("$threshold", rule.Threshold)
        .With("$window", (long)rule.Window.TotalSeconds)
        .With("$frequency", (long)rule.Frequency.TotalSeconds)
        .With("$webhook", rule.Webhook.OriginalString)
        .With("$enabled", SqliteValues.Flag(rule.Enabled))
        .With("$severity", rule.Severity)
        .With("$description", rule.Description);

    private static AlertRule Read(SqliteDataReader reader) => new(reader.GetString(0), reader.GetString(1))
    {
        Scope = reader.GetString(2),
        Operations = Split(reader.GetString(3)),
        ResultTypes = Split(reader.GetString(4)),
        Caller = reader.GetStringOrNull(5),
        Threshold = reader.GetInt32(6),
        Window = TimeSpan.FromSeconds(reader.GetInt64(7)),
        Frequency = TimeSpan.FromSeconds(reader.GetInt64(8)),
        Webhook = new Uri(reader.GetString(9)),
        Enabled = reader.GetFlag(10),
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
