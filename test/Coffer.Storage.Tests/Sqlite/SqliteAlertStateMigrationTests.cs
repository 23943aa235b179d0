using Coffer.Core.Audit;
using Coffer.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Storage.Tests.Sqlite;

/// <summary>The alert-state migration on a database written just before it: a kept cursor becomes its chain's position.</summary>
public sealed class SqliteAlertStateMigrationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"coffer-migration-tests-{Guid.NewGuid():N}");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task AlertStateMigration_RuleWithCursor_KeepsWhatWasSent_AndSeenIsUnknown()
    {
        // Arrange
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "coffer.db");
        // Found by what it adds, not by its number: migrations are ordered when branches merge.
        var before = SqliteSchema.Migrations.TakeWhile(m => !m.Contains("sent_sequences", StringComparison.Ordinal)).ToArray();
        Assert.True(before.Length < SqliteSchema.Migrations.Count, "No migration adds the per-chain alert positions.");
        await using (var raw = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await raw.OpenAsync(Ct);
            await using var command = raw.CreateCommand();
            command.CommandText = string.Join(";\n", before) + $"""
                ;PRAGMA user_version = {before.Length};
                INSERT INTO alert_rules (resource_group, name, scope, operations, result_types, threshold, window_seconds, frequency_seconds,
                    webhook, enabled, severity, last_evaluated, last_fired, cursor_time_us, cursor_chain, cursor_sequence)
                VALUES ('rg', 'fired', '/subscriptions/5d1b0c4e-2a55-4a40-8f3b-3b7e8f0a9c11', 'SecretGet', 'Forbidden', 0, 300, 60,
                    'https://hooks.example.com/a', 1, 3, 1790000000, 1790000000, 1789999990123456, 'local', 42);
                INSERT INTO alert_rules (resource_group, name, scope, operations, result_types, threshold, window_seconds, frequency_seconds,
                    webhook, enabled, severity)
                VALUES ('rg', 'quiet', '/subscriptions/5d1b0c4e-2a55-4a40-8f3b-3b7e8f0a9c11', 'SecretGet', 'Forbidden', 0, 300, 60,
                    'https://hooks.example.com/a', 1, 3);
                """;
            await command.ExecuteNonQueryAsync(Ct);
        }

        using var database = new SqliteDatabase(new SqliteStorageOptions { DatabasePath = path }, NullLogger<SqliteDatabase>.Instance);

        // Act
        var store = new SqliteAlertRuleStore(database);
        var fired = await store.GetAsync("rg", "fired", Ct);
        var quiet = await store.GetAsync("rg", "quiet", Ct);

        // Assert
        Assert.Equal(ChainSequences.Parse("local:42"), fired!.State.Sent);
        Assert.Null(fired.State.Seen);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1790000000), fired.State.LastFired);
        Assert.Equal(ChainSequences.Empty, quiet!.State.Sent);
        Assert.Null(quiet.State.Seen);
    }
}
