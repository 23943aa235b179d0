using Coffer.Core.Keys;
using Npgsql;

namespace Coffer.Storage.Postgres;

/// <summary>Soft delete, recovery, purge and restore: all state lives on the <c>key_names</c> row.</summary>
internal sealed partial class PostgresKeyStore
{
    public async Task<DeletedKey?> DeleteAsync(
        Guid vaultId, string nameKey, DateTimeOffset deletedOn, DateTimeOffset scheduledPurge, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(PostgresKeySql.SoftDelete)
            .With("@vault", PostgresValues.Id(vaultId))
            .With("@name", nameKey)
            .With("@deletedOn", PostgresValues.Time(deletedOn))
            .With("@purgeOn", PostgresValues.Time(scheduledPurge));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDeleted(reader, vaultId) : null;
    }

    public async Task<DeletedKey?> GetDeletedAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(PostgresKeySql.GetDeleted)
            .With("@vault", PostgresValues.Id(vaultId))
            .With("@name", nameKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDeleted(reader, vaultId) : null;
    }

    public async Task<IReadOnlyList<DeletedKey>> ListDeletedAsync(Guid vaultId, string? afterNameKey, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        if (take == 0)
        {
            return [];
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(PostgresKeySql.ListDeleted)
            .With("@vault", PostgresValues.Id(vaultId))
            .With("@after", afterNameKey ?? "")
            .With("@take", take);
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
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(PostgresKeySql.Recover)
            .With("@vault", PostgresValues.Id(vaultId))
            .With("@name", nameKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadVersion(reader, vaultId) : null;
    }

    public async Task<bool> PurgeAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(PostgresKeySql.Purge)
            .With("@vault", PostgresValues.Id(vaultId))
            .With("@name", nameKey);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        _logger.KeyPurged(nameKey, vaultId);
        return true;
    }

    public async Task<int> PurgeDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(PostgresKeySql.PurgeDue).With("@now", PostgresValues.Time(now));
        // Counts name rows only: cascaded deletes are not in the row count.
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

        var vault = PostgresValues.Id(first.VaultId);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = connection.CreateCommand(PostgresKeySql.EnsureName, transaction))
        {
            insert.With("@vault", vault).With("@name", nameKey).With("@displayName", first.Name);
            // Taken, live or deleted: another node may have created it a moment ago, which the insert waits for.
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        long latest = 0;
        foreach (var version in versions)
        {
            await using var add = connection.CreateCommand(PostgresKeySql.InsertVersion, transaction);
            BindVersion(add, vault, nameKey, version);
            latest = (long)(await add.ExecuteScalarAsync(cancellationToken))!;
        }

        await using (var setLatest = connection.CreateCommand(PostgresKeySql.SetLatest, transaction))
        {
            await setLatest.With("@vault", vault).With("@name", nameKey).With("@seq", latest).ExecuteNonQueryAsync(cancellationToken);
        }

        if (policy is not null)
        {
            await UpsertPolicyAsync(connection, transaction, vault, nameKey, policy, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        _logger.KeyRestored(first.Name, first.VaultId, versions.Count);
        return true;
    }

    /// <summary>Maps <see cref="PostgresKeySql.VersionColumns"/> followed by <c>deleted_on</c> and <c>purge_on</c>.</summary>
    private static DeletedKey ReadDeleted(NpgsqlDataReader reader, Guid vaultId) =>
        new(ReadVersion(reader, vaultId), reader.GetTime(18), reader.GetTime(19));
}
