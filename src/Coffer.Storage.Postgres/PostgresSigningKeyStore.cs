using Coffer.Core.Abstractions;
using Coffer.Core.Identity;

namespace Coffer.Storage.Postgres;

/// <summary><see cref="ISigningKeyStore"/> on PostgreSQL. Private keys arrive wrapped by the root key.</summary>
internal sealed class PostgresSigningKeyStore : ISigningKeyStore
{
    private readonly PostgresDatabase _database;

    public PostgresSigningKeyStore(PostgresDatabase database) => _database = database;

    public async Task AddAsync(StoredSigningKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("""
            INSERT INTO signing_keys (key_id, wrapped_private_key, created, activates) VALUES (@id, @wrapped, @created, @activates)
            """)
            .With("@id", key.KeyId)
            .With("@wrapped", key.WrappedPrivateKey)
            .With("@created", PostgresValues.Time(key.Created))
            .With("@activates", PostgresValues.Time(key.Activates));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StoredSigningKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("SELECT key_id, wrapped_private_key, created, activates FROM signing_keys ORDER BY activates, seq");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<StoredSigningKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new StoredSigningKey(reader.GetString(0), reader.GetBytes(1), reader.GetTime(2), reader.GetTime(3)));
        }

        return keys;
    }

    public async Task<bool> DeleteAsync(string keyId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("DELETE FROM signing_keys WHERE key_id = @id").With("@id", keyId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
