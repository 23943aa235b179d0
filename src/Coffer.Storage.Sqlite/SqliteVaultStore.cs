using Coffer.Core.Abstractions;
using Coffer.Core.Vaults;
using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

/// <summary><see cref="IVaultStore"/> on SQLite; vault names are unique case-insensitively (<c>COLLATE NOCASE</c>).</summary>
internal sealed class SqliteVaultStore : IVaultStore
{
    internal const string Columns = "id, name, created, retention_days, purge_protection";

    private readonly SqliteDatabase _database;

    public SqliteVaultStore(SqliteDatabase database) => _database = database;

    public async Task<bool> AddAsync(Vault vault, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vault);
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        // Only a name clash is "taken"; a clashing id is a bug and fails loudly.
        await using var command = lease.Connection.CreateCommand($"""
            INSERT INTO vaults ({Columns}) VALUES ($id, $name, $created, $retentionDays, $purgeProtection)
            ON CONFLICT (name) DO NOTHING
            """)
            .With("$id", SqliteValues.Id(vault.Id))
            .With("$name", vault.Name)
            .With("$created", SqliteValues.Time(vault.Created))
            .With("$retentionDays", vault.RetentionDays)
            .With("$purgeProtection", SqliteValues.Flag(vault.PurgeProtection));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<Vault?> GetByNameAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM vaults WHERE name = $name").With("$name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<Vault>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM vaults ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var vaults = new List<Vault>();
        while (await reader.ReadAsync(cancellationToken))
        {
            vaults.Add(Read(reader));
        }

        return vaults;
    }

    private static Vault Read(SqliteDataReader reader) =>
        new(reader.GetId(0), reader.GetString(1), reader.GetTime(2), reader.GetInt32(3), reader.GetFlag(4));
}
