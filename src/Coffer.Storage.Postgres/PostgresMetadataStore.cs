using Coffer.Core.Abstractions;

namespace Coffer.Storage.Postgres;

/// <summary><see cref="IMetadataStore"/> on PostgreSQL: deployment-wide key/value settings; the first node to add a key wins.</summary>
internal sealed class PostgresMetadataStore : IMetadataStore
{
    private readonly PostgresDatabase _database;

    public PostgresMetadataStore(PostgresDatabase database) => _database = database;

    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("SELECT value FROM metadata WHERE key = @key").With("@key", key);
        return (string?)await command.ExecuteScalarAsync(cancellationToken);
    }

    public async Task<string> GetOrAddAsync(string key, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        await using var connection = await _database.OpenAsync(cancellationToken);
        // The no-op update makes RETURNING yield the stored row when another node inserted it first; one statement, so
        // two nodes starting at once agree on one value.
        await using var command = connection.CreateCommand("""
            INSERT INTO metadata (key, value) VALUES (@key, @value)
            ON CONFLICT (key) DO UPDATE SET value = metadata.value
            RETURNING value
            """)
            .With("@key", key)
            .With("@value", value);
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<bool> ReplaceAsync(string key, string expected, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(value);
        await using var connection = await _database.OpenAsync(cancellationToken);
        // One statement: of two nodes replacing the same value, the second finds it changed and updates nothing.
        await using var command = connection.CreateCommand("UPDATE metadata SET value = @value WHERE key = @key AND value = @expected")
            .With("@key", key)
            .With("@expected", expected)
            .With("@value", value);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
