using Coffer.Core.Abstractions;
using Coffer.Core.Authorization;
using Coffer.Core.Vaults;
using Npgsql;

namespace Coffer.Storage.Postgres;

/// <summary>
/// <see cref="IVaultStore"/> on PostgreSQL; vault names are unique case-insensitively (a unique index on <c>lower(name)</c>)
/// across live and soft-deleted vaults, which keep their row with <c>deleted_on</c> set.
/// </summary>
internal sealed partial class PostgresVaultStore : IVaultStore
{
    internal const string Columns =
        "id, name, created, retention_days, purge_protection, resource_group, location, sku, tags, rbac_authorization, access_policies, "
        + PostgresNetworkRules.Columns;

    private readonly PostgresDatabase _database;

    public PostgresVaultStore(PostgresDatabase database) => _database = database;

    public async Task<bool> AddAsync(Vault vault, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vault);
        await using var connection = await _database.OpenAsync(cancellationToken);
        // Only a name clash is "taken"; a clashing id is a bug and fails loudly.
        await using var command = connection.CreateCommand($"""
            INSERT INTO vaults ({Columns})
            VALUES (@id, @name, @created, @retentionDays, @purgeProtection, @resourceGroup, @location, @sku, @tags, @rbac, @policies,
                    {PostgresNetworkRules.Parameters})
            ON CONFLICT (lower(name)) DO NOTHING
            """);
        Bind(command, vault);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<Vault?> UpdateAsync(string name, Func<Vault, Vault> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The row lock holds every other node's update of this vault until this one commits, and then hands it the new row.
        Vault current;
        await using (var read = connection.CreateCommand(
            $"SELECT {Columns} FROM vaults WHERE lower(name) = lower(@name) AND deleted_on IS NULL FOR UPDATE", transaction).With("@name", name))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            current = Read(reader);
        }

        var updated = current.Apply(change);
        await using (var command = connection.CreateCommand($"""
            UPDATE vaults SET retention_days = @retentionDays, purge_protection = @purgeProtection, location = @location, sku = @sku,
                              tags = @tags, rbac_authorization = @rbac, access_policies = @policies, {PostgresNetworkRules.Assignments}
            WHERE id = @id
            """, transaction))
        {
            Bind(command, updated);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return updated;
    }

    public async Task<Vault?> GetByNameAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM vaults WHERE lower(name) = lower(@name) AND deleted_on IS NULL")
            .With("@name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<Vault>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM vaults WHERE deleted_on IS NULL ORDER BY lower(name)");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var vaults = new List<Vault>();
        while (await reader.ReadAsync(cancellationToken))
        {
            vaults.Add(Read(reader));
        }

        return vaults;
    }

    private static void Bind(NpgsqlCommand command, Vault vault) => command
        .With("@id", PostgresValues.Id(vault.Id))
        .With("@name", vault.Name)
        .With("@created", PostgresValues.Time(vault.Created))
        .With("@retentionDays", vault.RetentionDays)
        .With("@purgeProtection", vault.PurgeProtection)
        .With("@resourceGroup", vault.ResourceGroup)
        .With("@location", vault.Location)
        .With("@sku", vault.Sku)
        .With("@tags", vault.Tags.Count == 0 ? null : PostgresTags.Write(vault.Tags))
        .With("@rbac", vault.EnableRbacAuthorization)
        .With("@policies", AccessPolicyFormat.Write(vault.AccessPolicies))
        .BindNetwork(vault);

    private static Vault Read(NpgsqlDataReader reader) => reader.ReadNetwork(
        new(reader.GetId(0), reader.GetString(1), reader.GetTime(2), reader.GetInt32(3), reader.GetBoolean(4))
        {
            ResourceGroup = reader.GetString(5),
            Location = reader.GetString(6),
            Sku = reader.GetString(7),
            Tags = PostgresTags.Read(reader.GetStringOrNull(8)) ?? new Dictionary<string, string>(),
            EnableRbacAuthorization = reader.GetBoolean(9),
            AccessPolicies = AccessPolicyFormat.Read(reader.GetStringOrNull(10)),
        });
}
