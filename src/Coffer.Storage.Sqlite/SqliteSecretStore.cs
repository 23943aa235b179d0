using Coffer.Core.Abstractions;
using Coffer.Core.Secrets;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Coffer.Storage.Sqlite;

/// <summary>
/// <see cref="ISecretStore"/> on SQLite. Reads use pooled connections without a lock; writes hold the database's
/// write lease and commit before returning. Soft delete, recovery, purge and restore are in the Deletion part.
/// </summary>
internal sealed partial class SqliteSecretStore : ISecretStore
{
    private readonly SqliteDatabase _database;
    private readonly ILogger<SqliteSecretStore> _logger;

    public SqliteSecretStore(SqliteDatabase database, ILogger<SqliteSecretStore> logger)
    {
        _database = database;
        _logger = logger;
    }

    public async ValueTask<SecretVersion?> GetAsync(Guid vaultId, string nameKey, string? version, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand(version is null ? SqliteSecretSql.GetLatest : SqliteSecretSql.GetVersion)
            .With("$vault", SqliteValues.Id(vaultId))
            .With("$name", nameKey);
        if (version is not null)
        {
            command.With("$version", version.ToLowerInvariant());
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadVersion(reader, vaultId) : null;
    }

    public async Task<SecretVersion?> AddVersionAsync(SecretVersion version, CancellationToken cancellationToken)
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

        // Group-committed with concurrent writers (SqliteDatabase.GroupCommit): one fsync for many SETs.
        return await _database.WriteQueuedAsync((connection, transaction) => AddVersionAsync(connection, transaction, vault, nameKey, version.Name, stored), cancellationToken);
    }

    private static async Task<SecretVersion?> AddVersionAsync(
        SqliteConnection connection, SqliteTransaction transaction, string vault, string nameKey, string name, SecretVersion stored)
    {
        var cancellationToken = CancellationToken.None;
        string storedName;
        await using (var state = connection.CreateCommand(SqliteSecretSql.GetNameState, transaction).With("$vault", vault).With("$name", nameKey))
        await using (var reader = await state.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                if (reader.GetFlag(1))
                {
                    return null;
                }

                storedName = reader.GetString(0);
            }
            else
            {
                storedName = name;
                await using var insert = connection.CreateCommand(SqliteSecretSql.InsertName, transaction)
                    .With("$vault", vault)
                    .With("$name", nameKey)
                    .With("$displayName", storedName);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        var sequence = await InsertVersionAsync(connection, transaction, vault, nameKey, stored, cancellationToken);
        await SetLatestAsync(connection, transaction, vault, nameKey, sequence, cancellationToken);
        return stored with { Name = storedName, Sequence = sequence };
    }

    public async Task<SecretVersion?> UpdateAsync(Guid vaultId, string nameKey, string? version, SecretAttributes changes, DateTimeOffset updated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        long sequence;
        await using (var command = lease.Connection.CreateCommand(SqliteSecretSql.Update)
            .With("$vault", SqliteValues.Id(vaultId))
            .With("$name", nameKey)
            .With("$version", version?.ToLowerInvariant())
            .With("$updated", SqliteValues.Time(updated))
            .With("$enabled", changes.Enabled is { } enabled ? SqliteValues.Flag(enabled) : null)
            .With("$nbf", SqliteValues.Time(changes.NotBefore))
            .With("$exp", SqliteValues.Time(changes.Expires))
            .With("$contentType", changes.ContentType)
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
        await using var read = lease.Connection.CreateCommand(SqliteSecretSql.GetBySequence).With("$seq", sequence);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadVersion(reader, vaultId) : null;
    }

    public async Task<IReadOnlyList<SecretVersion>> ListAsync(Guid vaultId, string? afterNameKey, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        if (take == 0)
        {
            return [];
        }

        await using var connection = await _database.OpenReadAsync(cancellationToken);
        // Name keys are never empty, so "" sorts before every one of them and the index range starts at the beginning.
        await using var command = connection.CreateCommand(SqliteSecretSql.List)
            .With("$vault", SqliteValues.Id(vaultId))
            .With("$after", afterNameKey ?? "")
            .With("$take", take);
        return await ReadVersionsAsync(command, vaultId, cancellationToken);
    }

    public Task<IReadOnlyList<SecretVersion>> ListVersionsAsync(Guid vaultId, string nameKey, long afterSequence, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        return take == 0
            ? Task.FromResult<IReadOnlyList<SecretVersion>>([])
            : ReadVersionsAsync(vaultId, nameKey, afterSequence, take, cancellationToken);
    }

    public Task<IReadOnlyList<SecretVersion>> GetAllVersionsAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken) =>
        ReadVersionsAsync(vaultId, nameKey, afterSequence: 0, take: -1, cancellationToken);

    private async Task<IReadOnlyList<SecretVersion>> ReadVersionsAsync(Guid vaultId, string nameKey, long afterSequence, int take, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand(SqliteSecretSql.ListVersions)
            .With("$vault", SqliteValues.Id(vaultId))
            .With("$name", nameKey)
            .With("$after", afterSequence)
            .With("$take", take);
        return await ReadVersionsAsync(command, vaultId, cancellationToken);
    }

    private static async Task<IReadOnlyList<SecretVersion>> ReadVersionsAsync(SqliteCommand command, Guid vaultId, CancellationToken cancellationToken)
    {
        var versions = new List<SecretVersion>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(ReadVersion(reader, vaultId));
        }

        return versions;
    }

    private static async Task<long> InsertVersionAsync(
        SqliteConnection connection, SqliteTransaction transaction, string vault, string nameKey, SecretVersion version, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(SqliteSecretSql.InsertVersion, transaction)
            .With("$vault", vault)
            .With("$name", nameKey)
            .With("$version", version.Version.ToLowerInvariant())
            .With("$created", SqliteValues.Time(version.Created))
            .With("$updated", SqliteValues.Time(version.Updated))
            .With("$enabled", SqliteValues.Flag(version.Enabled))
            .With("$nbf", SqliteValues.Time(version.NotBefore))
            .With("$exp", SqliteValues.Time(version.Expires))
            .With("$contentType", version.ContentType)
            .With("$tags", SqliteTags.Write(version.Tags))
            .With("$value", version.Ciphertext);
        // RETURNING always yields the new row's seq, an INTEGER.
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task SetLatestAsync(
        SqliteConnection connection, SqliteTransaction transaction, string vault, string nameKey, long sequence, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(SqliteSecretSql.SetLatest, transaction)
            .With("$vault", vault)
            .With("$name", nameKey)
            .With("$seq", sequence);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Maps <see cref="SqliteSecretSql.VersionColumns"/>.</summary>
    private static SecretVersion ReadVersion(SqliteDataReader reader, Guid vaultId) =>
        new(
            vaultId,
            Name: reader.GetString(0),
            Version: reader.GetString(2),
            Created: reader.GetTime(3),
            Updated: reader.GetTime(4),
            Enabled: reader.GetFlag(5),
            NotBefore: reader.GetTimeOrNull(6),
            Expires: reader.GetTimeOrNull(7),
            ContentType: reader.GetStringOrNull(8),
            Tags: SqliteTags.Read(reader.GetStringOrNull(9)),
            Ciphertext: reader.GetBytes(10))
        {
            Sequence = reader.GetInt64(1),
        };
}
