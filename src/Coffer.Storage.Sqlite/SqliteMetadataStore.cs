using Coffer.Core.Abstractions;

namespace Coffer.Storage.Sqlite;

/// <summary><see cref="IMetadataStore"/> on SQLite: deployment-wide key/value settings.</summary>
internal sealed class SqliteMetadataStore : IMetadataStore
{
    private readonly SqliteDatabase _database;

    public SqliteMetadataStore(SqliteDatabase database) => _database = database;

    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand("SELECT value FROM metadata WHERE key = $key").With("$key", key);
        return (string?)await command.ExecuteScalarAsync(cancellationToken);
    }

    public async Task<string> GetOrAddAsync(string key, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        await using var transaction = lease.BeginTransaction();
        await using (var insert = lease.Connection.CreateCommand("INSERT OR IGNORE INTO metadata (key, value) VALUES ($key, $value)", transaction))
        {
            insert.With("$key", key).With("$value", value);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        string stored;
        await using (var select = lease.Connection.CreateCommand("SELECT value FROM metadata WHERE key = $key", transaction).With("$key", key))
        {
            // The row exists: it was there already or was inserted just above, in this transaction.
            stored = (string)(await select.ExecuteScalarAsync(cancellationToken))!;
        }

        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<bool> ReplaceAsync(string key, string expected, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(value);
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        await using var update = lease.Connection.CreateCommand("UPDATE metadata SET value = $value WHERE key = $key AND value = $expected")
            .With("$key", key).With("$expected", expected).With("$value", value);
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
