using Coffer.Core.Identity;
using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

/// <summary>The workload credentials of managed identities: hashes, expiry and revocation.</summary>
internal sealed partial class SqliteIdentityStore
{
    private const string CredentialColumns = "id, principal_id, hash, created, expires, revoked";

    public async Task AddCredentialAsync(WorkloadCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        await using var command = lease.Connection.CreateCommand($"""
            INSERT INTO workload_credentials ({CredentialColumns}) VALUES ($id, $principal, $hash, $created, $expires, $revoked)
            """)
            .With("$id", SqliteValues.Id(credential.Id))
            .With("$principal", SqliteValues.Id(credential.PrincipalId))
            .With("$hash", credential.Hash)
            .With("$created", SqliteValues.Time(credential.Created))
            .With("$expires", SqliteValues.Time(credential.Expires))
            .With("$revoked", SqliteValues.Time(credential.Revoked));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<WorkloadCredential?> GetCredentialByHashAsync(byte[] hash, CancellationToken cancellationToken)
    {
        var found = await ListCredentialsAsync($"SELECT {CredentialColumns} FROM workload_credentials WHERE hash = $value", hash, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<WorkloadCredential>> ListCredentialsAsync(Guid principalId, CancellationToken cancellationToken) =>
        ListCredentialsAsync(
            $"SELECT {CredentialColumns} FROM workload_credentials WHERE principal_id = $value AND revoked IS NULL ORDER BY created, rowid",
            SqliteValues.Id(principalId), cancellationToken);

    public Task<IReadOnlyList<WorkloadCredential>> ListRevokedCredentialsAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        ListCredentialsAsync(
            $"SELECT {CredentialColumns} FROM workload_credentials WHERE revoked IS NOT NULL AND revoked >= $value",
            SqliteValues.Time(since), cancellationToken);

    public async Task<bool> RevokeCredentialAsync(Guid principalId, Guid credentialId, DateTimeOffset revoked, CancellationToken cancellationToken)
    {
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        await using var command = lease.Connection.CreateCommand("""
            UPDATE workload_credentials SET revoked = $revoked WHERE id = $id AND principal_id = $principal AND revoked IS NULL
            """)
            .With("$id", SqliteValues.Id(credentialId))
            .With("$principal", SqliteValues.Id(principalId))
            .With("$revoked", SqliteValues.Time(revoked));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<int> PruneRevokedCredentialsAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        await using var command = lease.Connection.CreateCommand("DELETE FROM workload_credentials WHERE revoked IS NOT NULL AND revoked < $before")
            .With("$before", SqliteValues.Time(before));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<WorkloadCredential>> ListCredentialsAsync(string sql, object value, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand(sql).With("$value", value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var credentials = new List<WorkloadCredential>();
        while (await reader.ReadAsync(cancellationToken))
        {
            credentials.Add(ReadCredential(reader));
        }

        return credentials;
    }

    private static WorkloadCredential ReadCredential(SqliteDataReader reader) =>
        new(reader.GetId(0), reader.GetId(1), reader.GetBytes(2), reader.GetTime(3), reader.GetTimeOrNull(4), reader.GetTimeOrNull(5));
}
