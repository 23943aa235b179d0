using Coffer.Core.Abstractions;
using Coffer.Core.Authorization;
using Coffer.Core.Vaults;
using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

/// <summary>
/// <see cref="IVaultStore"/> on SQLite; vault names are unique case-insensitively (<c>COLLATE NOCASE</c>) across live and
/// soft-deleted vaults, which keep their row with <c>deleted_on</c> set.
/// </summary>
internal sealed partial class SqliteVaultStore : IVaultStore
{
    internal const string Columns =
        "id, name, created, retention_days, purge_protection, resource_group, location, sku, tags, rbac_authorization, access_policies, "
        + SqliteNetworkRules.Columns;

    private readonly SqliteDatabase _database;

    public SqliteVaultStore(SqliteDatabase database) => _database = database;

    public async Task<bool> AddAsync(Vault vault, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vault);
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        // Only a name clash is "taken"; a clashing id is a bug and fails loudly.
        await using var command = lease.Connection.CreateCommand($"""
            INSERT INTO vaults ({Columns})
            VALUES ($id, $name, $created, $retentionDays, $purgeProtection, $resourceGroup, $location, $sku, $tags, $rbac, $policies,
                    {SqliteNetworkRules.Parameters})
            ON CONFLICT (name) DO NOTHING
            """);
        Bind(command, vault);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<Vault?> UpdateAsync(string name, Func<Vault, Vault> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        // The writer lease is the only way to write this file, so holding it from the read to the write makes the two one step.
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        Vault current;
        await using (var read = lease.Connection.CreateCommand($"SELECT {Columns} FROM vaults WHERE name = $name AND deleted_on IS NULL").With("$name", name))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            current = Read(reader);
        }

        var updated = current.Apply(change);
        await using var command = lease.Connection.CreateCommand($"""
            UPDATE vaults SET retention_days = $retentionDays, purge_protection = $purgeProtection, location = $location, sku = $sku,
                              tags = $tags, rbac_authorization = $rbac, access_policies = $policies, {SqliteNetworkRules.Assignments}
            WHERE id = $id AND deleted_on IS NULL
            """);
        Bind(command, updated);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? updated : null;
    }

    public async Task<Vault?> GetByNameAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM vaults WHERE name = $name AND deleted_on IS NULL").With("$name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<Vault>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM vaults WHERE deleted_on IS NULL ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var vaults = new List<Vault>();
        while (await reader.ReadAsync(cancellationToken))
        {
            vaults.Add(Read(reader));
        }

        return vaults;
    }

    private static void Bind(SqliteCommand command, Vault vault) => command
        .With("$id", SqliteValues.Id(vault.Id))
        .With("$name", vault.Name)
        .With("$created", SqliteValues.Time(vault.Created))
        .With("$retentionDays", vault.RetentionDays)
        .With("$purgeProtection", SqliteValues.Flag(vault.PurgeProtection))
        .With("$resourceGroup", vault.ResourceGroup)
        .With("$location", vault.Location)
        .With("$sku", vault.Sku)
        .With("$tags", vault.Tags.Count == 0 ? null : SqliteTags.Write(vault.Tags))
        .With("$rbac", SqliteValues.Flag(vault.EnableRbacAuthorization))
        .With("$policies", AccessPolicyFormat.Write(vault.AccessPolicies))
        .BindNetwork(vault);

    internal static Vault Read(SqliteDataReader reader) => reader.ReadNetwork(
        new(reader.GetId(0), reader.GetString(1), reader.GetTime(2), reader.GetInt32(3), reader.GetFlag(4))
        {
            ResourceGroup = reader.GetString(5),
            Location = reader.GetString(6),
            Sku = reader.GetString(7),
            Tags = SqliteTags.Read(reader.GetStringOrNull(8)) ?? new Dictionary<string, string>(),
            EnableRbacAuthorization = reader.GetFlag(9),
            AccessPolicies = AccessPolicyFormat.Read(reader.GetStringOrNull(10)),
        });
}
