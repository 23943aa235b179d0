using Coffer.Core.Abstractions;
using Coffer.Core.KeyRing;

namespace Coffer.Storage.Postgres;

/// <summary><see cref="IDataKeyStore"/> on PostgreSQL. Keys are stored wrapped; this store never sees key material in the clear.</summary>
internal sealed class PostgresDataKeyStore : IDataKeyStore
{
    private readonly PostgresDatabase _database;

    public PostgresDataKeyStore(PostgresDatabase database) => _database = database;

    public async Task AddAsync(WrappedDataKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("INSERT INTO data_keys (id, vault_id, wrapped, created) VALUES (@id, @vault, @wrapped, @created)")
            .With("@id", PostgresValues.Id(key.Id))
            .With("@vault", PostgresValues.Id(key.VaultId))
            .With("@wrapped", key.Wrapped)
            .With("@created", PostgresValues.Time(key.Created));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Oldest first; keys created in the same second keep the order they were added in.</summary>
    public async Task<IReadOnlyList<WrappedDataKey>> GetForVaultAsync(Guid vaultId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("SELECT id, wrapped, created FROM data_keys WHERE vault_id = @vault ORDER BY created, seq")
            .With("@vault", PostgresValues.Id(vaultId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<WrappedDataKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new WrappedDataKey(reader.GetId(0), vaultId, reader.GetBytes(1), reader.GetTime(2)));
        }

        return keys;
    }
}
