using System.Globalization;
using Coffer.Core.Keys;
using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

/// <summary>Soft delete, recovery, purge and restore: all state lives on the <c>key_names</c> row.</summary>
internal sealed partial class SqliteKeyStore
{
    public async Task<DeletedKey?> DeleteAsync(
        Guid vaultId, string nameKey, DateTimeOffset deletedOn, DateTimeOffset scheduledPurge, CancellationToken cancellationToken)
    {
        var vault = SqliteValues.Id(vaultId);
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        await using var transaction = lease.BeginTransaction();
        await using (var command = lease.Connection.CreateCommand(SqliteKeySql.SoftDelete, transaction))
        {
            command.With("$vault", vault)
                .With("$name", nameKey)
                .With("$deletedOn", SqliteValues.Time(deletedOn))
                .With("$purgeOn", SqliteValues.Time(scheduledPurge));
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }
        }

        var deleted = await ReadDeletedAsync(lease.Connection, transaction, vaultId, nameKey, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    public async Task<DeletedKey?> GetDeletedAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        return await ReadDeletedAsync(connection, null, vaultId, nameKey, cancellationToken);
    }

    public async Task<IReadOnlyList<DeletedKey>> ListDeletedAsync(Guid vaultId, string? afterNameKey, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        if (take == 0)
        {
            return [];
        }

        await using var connection = await _database.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand(SqliteKeySql.ListDeleted)
            .With("$vault", SqliteValues.Id(vaultId))
            .With("$after", afterNameKey ?? "")
            .With("$take", take);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var deleted = new List<DeletedKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            deleted.Add(ReadDeleted(reader, vaultId));
        }

        return deleted;
    }

    public async Task<KeyVersion?> RecoverAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken)
    {
        var vault = SqliteValues.Id(vaultId);
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        await using var transaction = lease.BeginTransaction();
        await using (var recover = lease.Connection.CreateCommand(SqliteKeySql.Recover, transaction).With("$vault", vault).With("$name", nameKey))
        {
            if (await recover.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }
        }

        KeyVersion? latest;
        await using (var read = lease.Connection.CreateCommand(SqliteKeySql.GetLatest, transaction).With("$vault", vault).With("$name", nameKey))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            latest = await reader.ReadAsync(cancellationToken) ? ReadVersion(reader, vaultId) : null;
        }

        await transaction.CommitAsync(cancellationToken);
        return latest;
    }

    public async Task<bool> PurgeAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken)
    {
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        await using var command = lease.Connection.CreateCommand(SqliteKeySql.Purge)
            .With("$vault", SqliteValues.Id(vaultId))
            .With("$name", nameKey);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        _logger.KeyPurged(nameKey, vaultId);
        return true;
    }

    public async Task<int> PurgeDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        await using var command = lease.Connection.CreateCommand(SqliteKeySql.PurgeDue).With("$now", SqliteValues.Time(now));
        // Counts name rows only: SQLite leaves cascaded deletes out of the change count.
        var purged = await command.ExecuteNonQueryAsync(cancellationToken);
        if (purged > 0)
        {
            _logger.KeysPurged(purged);
        }

        return purged;
    }

    public async Task<bool> RestoreAsync(IReadOnlyList<KeyVersion> versions, KeyRotationPolicy? policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(versions);
        if (versions.Count == 0)
        {
            throw new ArgumentException("A restored key has at least one version.", nameof(versions));
        }

        var first = versions[0];
        var nameKey = first.NameKey;
        foreach (var version in versions)
        {
            if (version.VaultId != first.VaultId || version.NameKey != nameKey)
            {
                throw new ArgumentException("Every restored version must belong to the same vault and key.", nameof(versions));
            }
        }

        var vault = SqliteValues.Id(first.VaultId);
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        await using var transaction = lease.BeginTransaction();
        var connection = lease.Connection;
        await using (var exists = connection.CreateCommand(SqliteKeySql.NameExists, transaction).With("$vault", vault).With("$name", nameKey))
        {
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) != 0)
            {
                return false;
            }
        }

        await using (var insert = connection.CreateCommand(SqliteKeySql.InsertName, transaction))
        {
            insert.With("$vault", vault).With("$name", nameKey).With("$displayName", first.Name);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        long latest = 0;
        foreach (var version in versions)
        {
            latest = await InsertVersionAsync(connection, transaction, vault, nameKey, version, cancellationToken);
        }

        await SetLatestAsync(connection, transaction, vault, nameKey, latest, cancellationToken);
        if (policy is not null)
        {
            await UpsertPolicyAsync(connection, transaction, vault, nameKey, policy, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        _logger.KeyRestored(first.Name, first.VaultId, versions.Count);
        return true;
    }

    private static async Task<DeletedKey?> ReadDeletedAsync(
        SqliteConnection connection, SqliteTransaction? transaction, Guid vaultId, string nameKey, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(SqliteKeySql.GetDeleted, transaction)
            .With("$vault", SqliteValues.Id(vaultId))
            .With("$name", nameKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDeleted(reader, vaultId) : null;
    }

    /// <summary>Maps <see cref="SqliteKeySql.VersionColumns"/> followed by <c>deleted_on</c> and <c>purge_on</c>.</summary>
    private static DeletedKey ReadDeleted(SqliteDataReader reader, Guid vaultId) =>
        new(ReadVersion(reader, vaultId), reader.GetTime(18), reader.GetTime(19));
}
