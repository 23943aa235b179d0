using Coffer.Core.Abstractions;
using Coffer.Core.Identity;
using Npgsql;

namespace Coffer.Storage.Postgres;

/// <summary>
/// <see cref="IIdentityStore"/> on PostgreSQL. Identity names are unique case-insensitively across the deployment;
/// credentials are kept only as their hash, which is unique and indexed for the token endpoints' lookup.
/// </summary>
internal sealed partial class PostgresIdentityStore : IIdentityStore
{
    private const string Columns = "principal_id, name, client_id, resource_group, location, tags, created";

    private readonly PostgresDatabase _database;

    public PostgresIdentityStore(PostgresDatabase database) => _database = database;

    public async Task<bool> AddAsync(ManagedIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        await using var connection = await _database.OpenAsync(cancellationToken);
        // Only a name clash is "taken"; a clashing id is a bug and fails loudly.
        await using var command = connection.CreateCommand($"""
            INSERT INTO managed_identities ({Columns}) VALUES (@principal, @name, @client, @group, @location, @tags, @created)
            ON CONFLICT (lower(name)) DO NOTHING
            """)
            .With("@principal", PostgresValues.Id(identity.PrincipalId))
            .With("@name", identity.Name)
            .With("@client", PostgresValues.Id(identity.ClientId))
            .With("@group", identity.ResourceGroup)
            .With("@location", identity.Location)
            .With("@tags", PostgresTags.Write(identity.Tags))
            .With("@created", PostgresValues.Time(identity.Created));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> UpdateAsync(ManagedIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("UPDATE managed_identities SET location = @location, tags = @tags WHERE principal_id = @principal")
            .With("@principal", PostgresValues.Id(identity.PrincipalId))
            .With("@location", identity.Location)
            .With("@tags", PostgresTags.Write(identity.Tags));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public Task<ManagedIdentity?> GetByNameAsync(string name, CancellationToken cancellationToken) =>
        GetAsync($"SELECT {Columns} FROM managed_identities WHERE lower(name) = lower(@value)", name, cancellationToken);

    public Task<ManagedIdentity?> GetByPrincipalIdAsync(Guid principalId, CancellationToken cancellationToken) =>
        GetAsync($"SELECT {Columns} FROM managed_identities WHERE principal_id = @value", PostgresValues.Id(principalId), cancellationToken);

    public Task<ManagedIdentity?> GetByClientIdAsync(Guid clientId, CancellationToken cancellationToken) =>
        GetAsync($"SELECT {Columns} FROM managed_identities WHERE client_id = @value", PostgresValues.Id(clientId), cancellationToken);

    public async Task<IReadOnlyList<ManagedIdentity>> ListAsync(string? resourceGroup, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(resourceGroup is null
            ? $"SELECT {Columns} FROM managed_identities ORDER BY lower(name)"
            : $"SELECT {Columns} FROM managed_identities WHERE lower(resource_group) = lower(@group) ORDER BY lower(name)");
        if (resourceGroup is not null)
        {
            command.With("@group", resourceGroup);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var identities = new List<ManagedIdentity>();
        while (await reader.ReadAsync(cancellationToken))
        {
            identities.Add(Read(reader));
        }

        return identities;
    }

    public async Task<IReadOnlyList<WorkloadCredential>?> DeleteAsync(Guid principalId, DateTimeOffset revoked, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var delete = connection.CreateCommand("DELETE FROM managed_identities WHERE principal_id = @principal", transaction)
            .With("@principal", PostgresValues.Id(principalId)))
        {
            if (await delete.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }
        }

        var credentials = new List<WorkloadCredential>();
        await using (var revoke = connection.CreateCommand($"""
            UPDATE workload_credentials SET revoked = @revoked WHERE principal_id = @principal AND revoked IS NULL
            RETURNING {CredentialColumns}
            """, transaction)
            .With("@principal", PostgresValues.Id(principalId))
            .With("@revoked", PostgresValues.Time(revoked)))
        {
            await using var reader = await revoke.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                credentials.Add(ReadCredential(reader));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return credentials;
    }

    private async Task<ManagedIdentity?> GetAsync(string sql, string value, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(sql).With("@value", value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static ManagedIdentity Read(NpgsqlDataReader reader) =>
        new(reader.GetId(0), reader.GetString(1), reader.GetId(2), reader.GetString(3), reader.GetString(4),
            PostgresTags.Read(reader.GetString(5)) ?? new Dictionary<string, string>(), reader.GetTime(6));
}
