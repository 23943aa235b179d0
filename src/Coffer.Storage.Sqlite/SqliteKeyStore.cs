using Coffer.Core.Abstractions;
using Coffer.Core.Keys;
using Coffer.Core.Keys.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Coffer.Storage.Sqlite;

/// <summary>
/// <see cref="IKeyStore"/> on SQLite, built as the secret store is: pooled lock-free reads, writes under the database's
/// write lease, committed before returning. Deletion and rotation policies are in their own parts.
/// </summary>
internal sealed partial class SqliteKeyStore : IKeyStore
{
    private readonly SqliteDatabase _database;
    private readonly ILogger<SqliteKeyStore> _logger;

    public SqliteKeyStore(SqliteDatabase database, ILogger<SqliteKeyStore> logger)
    {
        _database = database;
        _logger = logger;
    }

    public async ValueTask<KeyVersion?> GetAsync(Guid vaultId, string nameKey, string? version, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand(version is null ? SqliteKeySql.GetLatest : SqliteKeySql.GetVersion)
            .With("$vault", SqliteValues.Id(vaultId))
            .With("$name", nameKey);
        if (version is not null)
        {
            command.With("$version", version.ToLowerInvariant());
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadVersion(reader, vaultId) : null;
    }

    public async Task<KeyVersion?> AddVersionAsync(KeyVersion version, string? ifLatest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        var vault = SqliteValues.Id(version.VaultId);
        var nameKey = version.NameKey;
        // Returned as a later read would return it: lower-case version id, times in whole seconds.
        var stored = version with
        {
            Version = version.Version.ToLowerInvariant(),
            Created = SqliteValues.Seconds(version.Created),
            Updated = SqliteValues.Seconds(version.Updated),
            NotBefore = SqliteValues.Seconds(version.NotBefore),
            Expires = SqliteValues.Seconds(version.Expires),
        };

        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        await using var transaction = lease.BeginTransaction();
        var connection = lease.Connection;

        string storedName;
        await using (var state = connection.CreateCommand(SqliteKeySql.GetNameState, transaction).With("$vault", vault).With("$name", nameKey))
        await using (var reader = await state.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                if (reader.GetFlag(1) || (ifLatest is not null && !string.Equals(reader.GetStringOrNull(2), ifLatest, StringComparison.OrdinalIgnoreCase)))
                {
                    return null;
                }

                storedName = reader.GetString(0);
            }
            else
            {
                if (ifLatest is not null)
                {
                    return null;
                }

                storedName = version.Name;
                await using var insert = connection.CreateCommand(SqliteKeySql.InsertName, transaction)
                    .With("$vault", vault)
                    .With("$name", nameKey)
                    .With("$displayName", storedName);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        var sequence = await InsertVersionAsync(connection, transaction, vault, nameKey, stored, cancellationToken);
        await SetLatestAsync(connection, transaction, vault, nameKey, sequence, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored with { Name = storedName, Sequence = sequence };
    }

    public async Task<KeyVersion?> UpdateAsync(Guid vaultId, string nameKey, string? version, KeyChanges changes, DateTimeOffset updated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        long sequence;
        await using (var command = lease.Connection.CreateCommand(SqliteKeySql.Update)
            .With("$vault", SqliteValues.Id(vaultId))
            .With("$name", nameKey)
            .With("$version", version?.ToLowerInvariant())
            .With("$updated", SqliteValues.Time(updated))
            .With("$enabled", changes.Enabled is { } enabled ? SqliteValues.Flag(enabled) : null)
            .With("$nbf", SqliteValues.Time(changes.NotBefore))
            .With("$exp", SqliteValues.Time(changes.Expires))
            .With("$keyOps", changes.KeyOps is { } ops ? string.Join(',', ops) : null)
            .With("$setTags", SqliteValues.Flag(changes.Tags is not null))
            .With("$tags", SqliteTags.Write(changes.Tags)))
        {
            if (await command.ExecuteScalarAsync(cancellationToken) is not long seq)
            {
                return null;
            }

            sequence = seq;
        }

        // Read back on the writer's connection while still holding the lease: exactly what was committed.
        await using var read = lease.Connection.CreateCommand(SqliteKeySql.GetBySequence).With("$seq", sequence);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadVersion(reader, vaultId) : null;
    }

    public async Task<IReadOnlyList<KeyVersion>> ListAsync(Guid vaultId, string? afterNameKey, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        if (take == 0)
        {
            return [];
        }

        await using var connection = await _database.OpenReadAsync(cancellationToken);
        // Name keys are never empty, so "" sorts before every one of them and the index range starts at the beginning.
        await using var command = connection.CreateCommand(SqliteKeySql.List)
            .With("$vault", SqliteValues.Id(vaultId))
            .With("$after", afterNameKey ?? "")
            .With("$take", take);
        return await ReadVersionsAsync(command, vaultId, cancellationToken);
    }

    public Task<IReadOnlyList<KeyVersion>> ListVersionsAsync(Guid vaultId, string nameKey, long afterSequence, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        return take == 0
            ? Task.FromResult<IReadOnlyList<KeyVersion>>([])
            : ReadVersionsAsync(vaultId, nameKey, afterSequence, take, cancellationToken);
    }

    public Task<IReadOnlyList<KeyVersion>> GetAllVersionsAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken) =>
        ReadVersionsAsync(vaultId, nameKey, afterSequence: 0, take: -1, cancellationToken);

    private async Task<IReadOnlyList<KeyVersion>> ReadVersionsAsync(Guid vaultId, string nameKey, long afterSequence, int take, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand(SqliteKeySql.ListVersions)
            .With("$vault", SqliteValues.Id(vaultId))
            .With("$name", nameKey)
            .With("$after", afterSequence)
            .With("$take", take);
        return await ReadVersionsAsync(command, vaultId, cancellationToken);
    }

    private static async Task<IReadOnlyList<KeyVersion>> ReadVersionsAsync(SqliteCommand command, Guid vaultId, CancellationToken cancellationToken)
    {
        var versions = new List<KeyVersion>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(ReadVersion(reader, vaultId));
        }

        return versions;
    }

    private static async Task<long> InsertVersionAsync(
        SqliteConnection connection, SqliteTransaction transaction, string vault, string nameKey, KeyVersion version, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(SqliteKeySql.InsertVersion, transaction)
            .With("$vault", vault)
            .With("$name", nameKey)
            .With("$version", version.Version.ToLowerInvariant())
            .With("$kty", version.KeyType)
            .With("$keySize", version.KeySize)
            .With("$keyOps", string.Join(',', version.KeyOps))
            .With("$created", SqliteValues.Time(version.Created))
            .With("$updated", SqliteValues.Time(version.Updated))
            .With("$enabled", SqliteValues.Flag(version.Enabled))
            .With("$nbf", SqliteValues.Time(version.NotBefore))
            .With("$exp", SqliteValues.Time(version.Expires))
            .With("$tags", SqliteTags.Write(version.Tags))
            .With("$n", version.PublicKey.N)
            .With("$e", version.PublicKey.E)
            .With("$crv", version.PublicKey.Curve)
            .With("$x", version.PublicKey.X)
            .With("$y", version.PublicKey.Y)
            .With("$material", version.SealedMaterial);
        // RETURNING always yields the new row's seq, an INTEGER.
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task SetLatestAsync(
        SqliteConnection connection, SqliteTransaction transaction, string vault, string nameKey, long sequence, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(SqliteKeySql.SetLatest, transaction)
            .With("$vault", vault)
            .With("$name", nameKey)
            .With("$seq", sequence);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Maps <see cref="SqliteKeySql.VersionColumns"/>.</summary>
    private static KeyVersion ReadVersion(SqliteDataReader reader, Guid vaultId) =>
        new(
            vaultId,
            Name: reader.GetString(0),
            Version: reader.GetString(2),
            KeyType: reader.GetString(3),
            KeySize: reader.GetInt32(4),
            KeyOps: reader.GetString(5).Split(',', StringSplitOptions.RemoveEmptyEntries),
            Created: reader.GetTime(6),
            Updated: reader.GetTime(7),
            Enabled: reader.GetFlag(8),
            NotBefore: reader.GetTimeOrNull(9),
            Expires: reader.GetTimeOrNull(10),
            Tags: SqliteTags.Read(reader.GetStringOrNull(11)),
            PublicKey: new PublicKeyParts(BytesOrNull(reader, 12), BytesOrNull(reader, 13), reader.GetStringOrNull(14), BytesOrNull(reader, 15), BytesOrNull(reader, 16)),
            SealedMaterial: reader.GetBytes(17))
        {
            Sequence = reader.GetInt64(1),
        };

    private static byte[]? BytesOrNull(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetBytes(ordinal);
}
