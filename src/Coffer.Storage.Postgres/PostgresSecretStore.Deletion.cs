using Coffer.Core.Secrets;
using Npgsql;

namespace Coffer.Storage.Postgres;

/// <summary>Soft delete, recovery, purge and restore: all state lives on the <c>secret_names</c> row.</summary>
internal sealed partial class PostgresSecretStore
{
    public async Task<DeletedSecret?> DeleteAsync(
        Guid vaultId, string nameKey, DateTimeOffset deletedOn, DateTimeOffset scheduledPurge, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(PostgresSecretSql.SoftDelete)
            .With("@vault", PostgresValues.Id(vaultId))
            .With("@name", nameKey)
            .With("@deletedOn", PostgresValues.Time(deletedOn))
            .With("@purgeOn", PostgresValues.Time(scheduledPurge));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDeleted(reader, vaultId) : null;
    }

    public async Task<DeletedSecret?> GetDeletedAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(PostgresSecretSql.GetDeleted)
            .With("@vault", PostgresValues.Id(vaultId))
            .With("@name", nameKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDeleted(reader, vaultId) : null;
    }

    public async Task<IReadOnlyList<DeletedSecret>> ListDeletedAsync(Guid vaultId, string? afterNameKey, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        if (take == 0)
        {
            return [];
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(PostgresSecretSql.ListDeleted)
            .With("@vault", PostgresValues.Id(vaultId))
            .With("@after", afterNameKey ?? "")
            .With("@take", take);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var deleted = new List<DeletedSecret>();
        while (await reader.ReadAsync(cancellationToken))
        {
            deleted.Add(ReadDeleted(reader, vaultId));
        }

        return deleted;
    }

    public async Task<SecretVersion?> RecoverAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(PostgresSecretSql.Recover)
            .With("@vault", PostgresValues.Id(vaultId))
            .With("@name", nameKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadVersion(reader, vaultId) : null;
    }

    public async Task<bool> PurgeAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(PostgresSecretSql.Purge)
            .With("@vault", PostgresValues.Id(vaultId))
            .With("@name", nameKey);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        _logger.SecretPurged(nameKey, vaultId);
        return true;
    }

    public async Task<int> PurgeDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(PostgresSecretSql.PurgeDue).With("@now", PostgresValues.Time(now));
        // Counts name rows only: cascaded version deletes are not in the row count.
        var purged = await command.ExecuteNonQueryAsync(cancellationToken);
        if (purged > 0)
        {
            _logger.SecretsPurged(purged);
        }

        return purged;
    }

    public async Task<bool> RestoreAsync(IReadOnlyList<SecretVersion> versions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(versions);
        if (versions.Count == 0)
        {
            throw new ArgumentException("A restored secret has at least one version.", nameof(versions));
        }

        var first = versions[0];
        var nameKey = first.NameKey;
        foreach (var version in versions)
        {
            if (version.VaultId != first.VaultId || version.NameKey != nameKey)
            {
                throw new ArgumentException("Every restored version must belong to the same vault and secret.", nameof(versions));
            }
        }

        var vault = PostgresValues.Id(first.VaultId);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = connection.CreateCommand(PostgresSecretSql.EnsureName, transaction))
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
            await using var add = connection.CreateCommand(PostgresSecretSql.InsertVersion, transaction);
            BindVersion(add, vault, nameKey, version);
            latest = (long)(await add.ExecuteScalarAsync(cancellationToken))!;
        }

        await using (var setLatest = connection.CreateCommand(PostgresSecretSql.SetLatest, transaction))
        {
            await setLatest.With("@vault", vault).With("@name", nameKey).With("@seq", latest).ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        _logger.SecretRestored(first.Name, first.VaultId, versions.Count);
        return true;
    }

    /// <summary>Maps <see cref="PostgresSecretSql.VersionColumns"/> followed by <c>deleted_on</c> and <c>purge_on</c>.</summary>
    private static DeletedSecret ReadDeleted(NpgsqlDataReader reader, Guid vaultId) =>
        new(ReadVersion(reader, vaultId), reader.GetTime(11), reader.GetTime(12));
}
