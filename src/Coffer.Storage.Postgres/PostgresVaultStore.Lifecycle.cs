using Coffer.Core.Vaults;
using Npgsql;

namespace Coffer.Storage.Postgres;

/// <summary>Soft delete, recovery and purge of vaults.</summary>
internal sealed partial class PostgresVaultStore
{
    private const string DeletedColumns = Columns + ", deleted_on, purge_on";

    public async Task<bool> DeleteAsync(Guid id, DateTimeOffset deleted, DateTimeOffset scheduledPurge, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            "UPDATE vaults SET deleted_on = @deleted, purge_on = @purge WHERE id = @id AND deleted_on IS NULL")
            .With("@id", PostgresValues.Id(id))
            .With("@deleted", PostgresValues.Time(deleted))
            .With("@purge", PostgresValues.Time(scheduledPurge));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<DeletedVault?> GetDeletedAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {DeletedColumns} FROM vaults WHERE lower(name) = lower(@name) AND deleted_on IS NOT NULL")
            .With("@name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDeleted(reader) : null;
    }

    public async Task<IReadOnlyList<DeletedVault>> ListDeletedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {DeletedColumns} FROM vaults WHERE deleted_on IS NOT NULL ORDER BY lower(name)");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var vaults = new List<DeletedVault>();
        while (await reader.ReadAsync(cancellationToken))
        {
            vaults.Add(ReadDeleted(reader));
        }

        return vaults;
    }

    public async Task<bool> RecoverAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            "UPDATE vaults SET deleted_on = NULL, purge_on = NULL WHERE id = @id AND deleted_on IS NOT NULL").With("@id", PostgresValues.Id(id));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> PurgeAsync(Guid id, CancellationToken cancellationToken)
    {
        var vault = PostgresValues.Id(id);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var remove = connection.CreateCommand("DELETE FROM vaults WHERE id = @id AND deleted_on IS NOT NULL", transaction).With("@id", vault))
        {
            if (await remove.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                return false;
            }
        }

        // Everything the vault held goes with it (versions, policies and notifications cascade from their name rows);
        // its data keys last, so nothing of it can be decrypted again.
        await using (var objects = connection.CreateCommand("""
            DELETE FROM secret_names WHERE vault_id = @id;
            DELETE FROM key_names WHERE vault_id = @id;
            DELETE FROM data_keys WHERE vault_id = @id;
            """, transaction).With("@id", vault))
        {
            await objects.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The deletion columns come after <see cref="Columns"/>, whose length other features change: read them by name.</summary>
    private static DeletedVault ReadDeleted(NpgsqlDataReader reader) =>
        new(Read(reader), reader.GetTime(reader.GetOrdinal("deleted_on")), reader.GetTime(reader.GetOrdinal("purge_on")));
}
