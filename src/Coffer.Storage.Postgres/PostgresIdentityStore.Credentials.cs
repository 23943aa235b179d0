using Coffer.Core.Identity;
using Npgsql;

namespace Coffer.Storage.Postgres;

/// <summary>The workload credentials of managed identities: hashes, expiry and revocation.</summary>
internal sealed partial class PostgresIdentityStore
{
    private const string CredentialColumns = "id, principal_id, hash, created, expires, revoked";

    public async Task AddCredentialAsync(WorkloadCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"""
            INSERT INTO workload_credentials ({CredentialColumns}) VALUES (@id, @principal, @hash, @created, @expires, @revoked)
            """)
            .With("@id", PostgresValues.Id(credential.Id))
            .With("@principal", PostgresValues.Id(credential.PrincipalId))
            .With("@hash", credential.Hash)
            .With("@created", PostgresValues.Time(credential.Created))
            .With("@expires", PostgresValues.Time(credential.Expires))
            .With("@revoked", PostgresValues.Time(credential.Revoked));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<WorkloadCredential?> GetCredentialByHashAsync(byte[] hash, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {CredentialColumns} FROM workload_credentials WHERE hash = @hash").With("@hash", hash);
        var found = await ReadCredentialsAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<WorkloadCredential>> ListCredentialsAsync(Guid principalId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            $"SELECT {CredentialColumns} FROM workload_credentials WHERE principal_id = @principal AND revoked IS NULL ORDER BY created, seq")
            .With("@principal", PostgresValues.Id(principalId));
        return await ReadCredentialsAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<WorkloadCredential>> ListRevokedCredentialsAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            $"SELECT {CredentialColumns} FROM workload_credentials WHERE revoked IS NOT NULL AND revoked >= @since ORDER BY revoked, seq")
            .With("@since", PostgresValues.Time(since));
        return await ReadCredentialsAsync(command, cancellationToken);
    }

    public async Task<bool> RevokeCredentialAsync(Guid principalId, Guid credentialId, DateTimeOffset revoked, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("""
            UPDATE workload_credentials SET revoked = @revoked WHERE id = @id AND principal_id = @principal AND revoked IS NULL
            """)
            .With("@id", PostgresValues.Id(credentialId))
            .With("@principal", PostgresValues.Id(principalId))
            .With("@revoked", PostgresValues.Time(revoked));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<int> PruneRevokedCredentialsAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("DELETE FROM workload_credentials WHERE revoked IS NOT NULL AND revoked < @before")
            .With("@before", PostgresValues.Time(before));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<WorkloadCredential>> ReadCredentialsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var credentials = new List<WorkloadCredential>();
        while (await reader.ReadAsync(cancellationToken))
        {
            credentials.Add(ReadCredential(reader));
        }

        return credentials;
    }

    private static WorkloadCredential ReadCredential(NpgsqlDataReader reader) =>
        new(reader.GetId(0), reader.GetId(1), reader.GetBytes(2), reader.GetTime(3), reader.GetTimeOrNull(4), reader.GetTimeOrNull(5));
}
