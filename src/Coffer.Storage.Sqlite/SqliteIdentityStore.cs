using Coffer.Core.Abstractions;
using Coffer.Core.Identity;
using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

/// <summary>
/// <see cref="IIdentityStore"/> on SQLite. Names are unique case-insensitively; credentials are kept only as their
/// hash, which is unique and indexed for the token endpoint's lookup.
/// </summary>
internal sealed class SqliteIdentityStore : IIdentityStore
{
    internal const string Columns = "principal_id, name, client_id, credential_hash, created";

    private readonly SqliteDatabase _database;

    public SqliteIdentityStore(SqliteDatabase database) => _database = database;

    public async Task<bool> AddAsync(ManagedIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        // Only a name clash is "taken"; a clashing id or credential hash is a bug and fails loudly.
        await using var command = lease.Connection.CreateCommand($"""
            INSERT INTO identities ({Columns}) VALUES ($principal, $name, $client, $hash, $created)
            ON CONFLICT (name) DO NOTHING
            """)
            .With("$principal", SqliteValues.Id(identity.PrincipalId))
            .With("$name", identity.Name)
            .With("$client", SqliteValues.Id(identity.ClientId))
            .With("$hash", identity.CredentialHash)
            .With("$created", SqliteValues.Time(identity.Created));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public Task<ManagedIdentity?> GetByNameAsync(string name, CancellationToken cancellationToken) =>
        GetAsync($"SELECT {Columns} FROM identities WHERE name = $value", name, cancellationToken);

    public Task<ManagedIdentity?> GetByCredentialHashAsync(byte[] credentialHash, CancellationToken cancellationToken) =>
        GetAsync($"SELECT {Columns} FROM identities WHERE credential_hash = $value", credentialHash, cancellationToken);

    public Task<ManagedIdentity?> GetByPrincipalIdAsync(Guid principalId, CancellationToken cancellationToken) =>
        GetAsync($"SELECT {Columns} FROM identities WHERE principal_id = $value", SqliteValues.Id(principalId), cancellationToken);

    public async Task<IReadOnlyList<ManagedIdentity>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM identities ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var identities = new List<ManagedIdentity>();
        while (await reader.ReadAsync(cancellationToken))
        {
            identities.Add(Read(reader));
        }

        return identities;
    }

    private async Task<ManagedIdentity?> GetAsync(string sql, object value, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand(sql).With("$value", value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static ManagedIdentity Read(SqliteDataReader reader) =>
        new(reader.GetId(0), reader.GetString(1), reader.GetId(2), reader.GetBytes(3), reader.GetTime(4));
}
