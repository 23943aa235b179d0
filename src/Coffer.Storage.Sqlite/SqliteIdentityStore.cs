using Coffer.Core.Abstractions;
using Coffer.Core.Identity;
using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

/// <summary>
/// <see cref="IIdentityStore"/> on SQLite. Identity names are unique case-insensitively across the deployment;
/// credentials are kept only as their hash, which is unique and indexed for the token endpoints' lookup.
/// </summary>
internal sealed partial class SqliteIdentityStore : IIdentityStore
{
    internal const string Columns = "principal_id, name, client_id, resource_group, location, tags, created";

    private readonly SqliteDatabase _database;

    public SqliteIdentityStore(SqliteDatabase database) => _database = database;

    public async Task<bool> AddAsync(ManagedIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        // Only a name clash is "taken"; a clashing id is a bug and fails loudly.
        await using var command = lease.Connection.CreateCommand($"""
            INSERT INTO managed_identities ({Columns}) VALUES ($principal, $name, $client, $group, $location, $tags, $created)
            ON CONFLICT (name) DO NOTHING
            """)
            .With("$principal", SqliteValues.Id(identity.PrincipalId))
            .With("$name", identity.Name)
            .With("$client", SqliteValues.Id(identity.ClientId))
            .With("$group", identity.ResourceGroup)
            .With("$location", identity.Location)
            .With("$tags", SqliteTags.Write(identity.Tags))
            .With("$created", SqliteValues.Time(identity.Created));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> UpdateAsync(ManagedIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        await using var command = lease.Connection.CreateCommand("UPDATE managed_identities SET location = $location, tags = $tags WHERE principal_id = $principal")
            .With("$principal", SqliteValues.Id(identity.PrincipalId))
            .With("$location", identity.Location)
            .With("$tags", SqliteTags.Write(identity.Tags));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public Task<ManagedIdentity?> GetByNameAsync(string name, CancellationToken cancellationToken) =>
        GetAsync($"SELECT {Columns} FROM managed_identities WHERE name = $value", name, cancellationToken);

    public Task<ManagedIdentity?> GetByPrincipalIdAsync(Guid principalId, CancellationToken cancellationToken) =>
        GetAsync($"SELECT {Columns} FROM managed_identities WHERE principal_id = $value", SqliteValues.Id(principalId), cancellationToken);

    public Task<ManagedIdentity?> GetByClientIdAsync(Guid clientId, CancellationToken cancellationToken) =>
        GetAsync($"SELECT {Columns} FROM managed_identities WHERE client_id = $value", SqliteValues.Id(clientId), cancellationToken);

    public async Task<IReadOnlyList<ManagedIdentity>> ListAsync(string? resourceGroup, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand($"""
            SELECT {Columns} FROM managed_identities
            WHERE $group IS NULL OR resource_group = $group COLLATE NOCASE
            ORDER BY name COLLATE NOCASE
            """)
            .With("$group", resourceGroup);
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
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        await using var transaction = lease.BeginTransaction();
        await using (var delete = lease.Connection.CreateCommand("DELETE FROM managed_identities WHERE principal_id = $principal", transaction)
            .With("$principal", SqliteValues.Id(principalId)))
        {
            if (await delete.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }
        }

        var credentials = new List<WorkloadCredential>();
        await using (var revoke = lease.Connection.CreateCommand($"""
            UPDATE workload_credentials SET revoked = $revoked WHERE principal_id = $principal AND revoked IS NULL
            RETURNING {CredentialColumns}
            """, transaction)
            .With("$principal", SqliteValues.Id(principalId))
            .With("$revoked", SqliteValues.Time(revoked)))
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

    private async Task<ManagedIdentity?> GetAsync(string sql, object value, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand(sql).With("$value", value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static ManagedIdentity Read(SqliteDataReader reader) =>
        new(reader.GetId(0), reader.GetString(1), reader.GetId(2), reader.GetString(3), reader.GetString(4),
            SqliteTags.Read(reader.GetString(5)) ?? new Dictionary<string, string>(), reader.GetTime(6));
}
