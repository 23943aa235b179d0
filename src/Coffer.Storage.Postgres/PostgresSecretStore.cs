using Coffer.Core.Abstractions;
using Coffer.Core.Secrets;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Coffer.Storage.Postgres;

/// <summary>
/// <see cref="ISecretStore"/> on PostgreSQL. Reads are single statements on pooled connections; a write of a name locks
/// its name row, so writers on any node queue per name, and commits before returning. Soft delete, recovery, purge and
/// restore are in the Deletion part.
/// </summary>
internal sealed partial class PostgresSecretStore : ISecretStore
{
    private readonly PostgresDatabase _database;
    private readonly ILogger<PostgresSecretStore> _logger;

    public PostgresSecretStore(PostgresDatabase database, ILogger<PostgresSecretStore> logger)
    {
        _database = database;
        _logger = logger;
    }

    public async ValueTask<SecretVersion?> GetAsync(Guid vaultId, string nameKey, string? version, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(version is null ? PostgresSecretSql.GetLatest : PostgresSecretSql.GetVersion)
            .With("@vault", PostgresValues.Id(vaultId))
            .With("@name", nameKey);
        if (version is not null)
        {
            command.With("@version", version.ToLowerInvariant());
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadVersion(reader, vaultId) : null;
    }

    public async Task<SecretVersion?> AddVersionAsync(SecretVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        var vault = PostgresValues.Id(version.VaultId);
        var nameKey = version.NameKey;
        // Returned as a later read would return it: lower-case version id, times in whole seconds.
        var stored = version with
        {
            Version = version.Version.ToLowerInvariant(),
            Created = PostgresValues.Seconds(version.Created),
            Updated = PostgresValues.Seconds(version.Updated),
            NotBefore = PostgresValues.Seconds(version.NotBefore),
            Expires = PostgresValues.Seconds(version.Expires),
        };

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var ensure = connection.CreateCommand(PostgresSecretSql.EnsureName, transaction))
        {
            await ensure.With("@vault", vault).With("@name", nameKey).With("@displayName", version.Name).ExecuteNonQueryAsync(cancellationToken);
        }

        string storedName;
        await using (var state = connection.CreateCommand(PostgresSecretSql.LockName, transaction).With("@vault", vault).With("@name", nameKey))
        await using (var reader = await state.ExecuteReaderAsync(cancellationToken))
        {
            // The row exists: inserted just above or before, and a name row is only removed by purge, which needs it deleted.
            await reader.ReadAsync(cancellationToken);
            if (reader.GetBoolean(1))
            {
                return null;
            }

            storedName = reader.GetString(0);
        }

        long sequence;
        await using (var add = connection.CreateCommand(PostgresSecretSql.AddVersion, transaction))
        {
            BindVersion(add, vault, nameKey, stored);
            sequence = (long)(await add.ExecuteScalarAsync(cancellationToken))!;
        }

        await transaction.CommitAsync(cancellationToken);
        return stored with { Name = storedName, Sequence = sequence };
    }

    public async Task<SecretVersion?> UpdateAsync(Guid vaultId, string nameKey, string? version, SecretAttributes changes, DateTimeOffset updated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(PostgresSecretSql.Update)
            .With("@vault", PostgresValues.Id(vaultId))
            .With("@name", nameKey)
            .With("@version", version?.ToLowerInvariant())
            .With("@updated", PostgresValues.Time(updated))
            .With("@enabled", changes.Enabled)
            .With("@nbf", PostgresValues.Time(changes.NotBefore))
            .With("@exp", PostgresValues.Time(changes.Expires))
            .With("@contentType", changes.ContentType)
            .With("@setTags", changes.Tags is not null)
            .With("@tags", PostgresTags.Write(changes.Tags));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadVersion(reader, vaultId) : null;
    }

    public async Task<IReadOnlyList<SecretVersion>> ListAsync(Guid vaultId, string? afterNameKey, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        if (take == 0)
        {
            return [];
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        // Name keys are never empty, so "" sorts before every one of them and the index range starts at the beginning.
        await using var command = connection.CreateCommand(PostgresSecretSql.List)
            .With("@vault", PostgresValues.Id(vaultId))
            .With("@after", afterNameKey ?? "")
            .With("@take", take);
        return await ReadVersionsAsync(command, vaultId, cancellationToken);
    }

    public Task<IReadOnlyList<SecretVersion>> ListVersionsAsync(Guid vaultId, string nameKey, long afterSequence, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        return take == 0
            ? Task.FromResult<IReadOnlyList<SecretVersion>>([])
            : ReadVersionsAsync(vaultId, nameKey, afterSequence, take, cancellationToken);
    }

    public Task<IReadOnlyList<SecretVersion>> GetAllVersionsAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken) =>
        ReadVersionsAsync(vaultId, nameKey, afterSequence: 0, take: null, cancellationToken);

    private async Task<IReadOnlyList<SecretVersion>> ReadVersionsAsync(Guid vaultId, string nameKey, long afterSequence, int? take, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(PostgresSecretSql.ListVersions)
            .With("@vault", PostgresValues.Id(vaultId))
            .With("@name", nameKey)
            .With("@after", afterSequence)
            .With("@take", take);
        return await ReadVersionsAsync(command, vaultId, cancellationToken);
    }

    private static async Task<IReadOnlyList<SecretVersion>> ReadVersionsAsync(NpgsqlCommand command, Guid vaultId, CancellationToken cancellationToken)
    {
        var versions = new List<SecretVersion>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(ReadVersion(reader, vaultId));
        }

        return versions;
    }

    private static void BindVersion(NpgsqlCommand command, string vault, string nameKey, SecretVersion version) => command
        .With("@vault", vault)
        .With("@name", nameKey)
        .With("@version", version.Version.ToLowerInvariant())
        .With("@created", PostgresValues.Time(version.Created))
        .With("@updated", PostgresValues.Time(version.Updated))
        .With("@enabled", version.Enabled)
        .With("@nbf", PostgresValues.Time(version.NotBefore))
        .With("@exp", PostgresValues.Time(version.Expires))
        .With("@contentType", version.ContentType)
        .With("@tags", PostgresTags.Write(version.Tags))
        .With("@value", version.Ciphertext);

    /// <summary>Maps <see cref="PostgresSecretSql.VersionColumns"/>.</summary>
    private static SecretVersion ReadVersion(NpgsqlDataReader reader, Guid vaultId) =>
        new(
            vaultId,
            Name: reader.GetString(0),
            Version: reader.GetString(2),
            Created: reader.GetTime(3),
            Updated: reader.GetTime(4),
            Enabled: reader.GetBoolean(5),
            NotBefore: reader.GetTimeOrNull(6),
            Expires: reader.GetTimeOrNull(7),
            ContentType: reader.GetStringOrNull(8),
            Tags: PostgresTags.Read(reader.GetStringOrNull(9)),
            Ciphertext: reader.GetBytes(10))
        {
            Sequence = reader.GetInt64(1),
        };
}
