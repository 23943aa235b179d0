using Coffer.Core.Abstractions;
using Coffer.Core.Keys;
using Coffer.Core.Keys.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Coffer.Storage.Postgres;

/// <summary>
/// <see cref="IKeyStore"/> on PostgreSQL, built as the secret store is: single-statement reads on pooled connections,
/// writes of a name under its name row's lock, committed before returning. Deletion and rotation policies are in their
/// own parts.
/// </summary>
internal sealed partial class PostgresKeyStore : IKeyStore
{
    private readonly PostgresDatabase _database;
    private readonly ILogger<PostgresKeyStore> _logger;

    public PostgresKeyStore(PostgresDatabase database, ILogger<PostgresKeyStore> logger)
    {
        _database = database;
        _logger = logger;
    }

    public async ValueTask<KeyVersion?> GetAsync(Guid vaultId, string nameKey, string? version, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(version is null ? PostgresKeySql.GetLatest : PostgresKeySql.GetVersion)
            .With("@vault", PostgresValues.Id(vaultId))
            .With("@name", nameKey);
        if (version is not null)
        {
            command.With("@version", version.ToLowerInvariant());
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadVersion(reader, vaultId) : null;
    }

    public async Task<KeyVersion?> AddVersionAsync(KeyVersion version, string? ifLatest, CancellationToken cancellationToken)
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
        await using (var ensure = connection.CreateCommand(PostgresKeySql.EnsureName, transaction))
        {
            await ensure.With("@vault", vault).With("@name", nameKey).With("@displayName", version.Name).ExecuteNonQueryAsync(cancellationToken);
        }

        string storedName;
        await using (var state = connection.CreateCommand(PostgresKeySql.LockName, transaction).With("@vault", vault).With("@name", nameKey))
        await using (var reader = await state.ExecuteReaderAsync(cancellationToken))
        {
            // The row exists (inserted just above or before). Returning without commit rolls back a name row made here.
            await reader.ReadAsync(cancellationToken);
            if (reader.GetBoolean(1) || (ifLatest is not null && !string.Equals(reader.GetStringOrNull(2), ifLatest, StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }

            storedName = reader.GetString(0);
        }

        long sequence;
        await using (var add = connection.CreateCommand(PostgresKeySql.AddVersion, transaction))
        {
            BindVersion(add, vault, nameKey, stored);
            sequence = (long)(await add.ExecuteScalarAsync(cancellationToken))!;
        }

        await transaction.CommitAsync(cancellationToken);
        return stored with { Name = storedName, Sequence = sequence };
    }

    public async Task<KeyVersion?> UpdateAsync(Guid vaultId, string nameKey, string? version, KeyChanges changes, DateTimeOffset updated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(PostgresKeySql.Update)
            .With("@vault", PostgresValues.Id(vaultId))
            .With("@name", nameKey)
            .With("@version", version?.ToLowerInvariant())
            .With("@updated", PostgresValues.Time(updated))
            .With("@enabled", changes.Enabled)
            .With("@nbf", PostgresValues.Time(changes.NotBefore))
            .With("@exp", PostgresValues.Time(changes.Expires))
            .With("@keyOps", changes.KeyOps is { } ops ? string.Join(',', ops) : null)
            .With("@setTags", changes.Tags is not null)
            .With("@tags", PostgresTags.Write(changes.Tags));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadVersion(reader, vaultId) : null;
    }

    public async Task<IReadOnlyList<KeyVersion>> ListAsync(Guid vaultId, string? afterNameKey, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        if (take == 0)
        {
            return [];
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        // Name keys are never empty, so "" sorts before every one of them and the index range starts at the beginning.
        await using var command = connection.CreateCommand(PostgresKeySql.List)
            .With("@vault", PostgresValues.Id(vaultId))
            .With("@after", afterNameKey ?? "")
            .With("@take", take);
        return await ReadVersionsAsync(command, vaultId, cancellationToken);
    }

    public Task<IReadOnlyList<KeyVersion>> ListVersionsAsync(Guid vaultId, string nameKey, long afterSequence, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        return take == 0
            ? Task.FromResult<IReadOnlyList<KeyVersion>>([])
            : ReadVersionsAsync(vaultId, nameKey, afterSequence, take, cancellationToken);
    }

    public Task<IReadOnlyList<KeyVersion>> GetAllVersionsAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken) =>
        ReadVersionsAsync(vaultId, nameKey, afterSequence: 0, take: null, cancellationToken);

    private async Task<IReadOnlyList<KeyVersion>> ReadVersionsAsync(Guid vaultId, string nameKey, long afterSequence, int? take, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(PostgresKeySql.ListVersions)
            .With("@vault", PostgresValues.Id(vaultId))
            .With("@name", nameKey)
            .With("@after", afterSequence)
            .With("@take", take);
        return await ReadVersionsAsync(command, vaultId, cancellationToken);
    }

    private static async Task<IReadOnlyList<KeyVersion>> ReadVersionsAsync(NpgsqlCommand command, Guid vaultId, CancellationToken cancellationToken)
    {
        var versions = new List<KeyVersion>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(ReadVersion(reader, vaultId));
        }

        return versions;
    }

    private static void BindVersion(NpgsqlCommand command, string vault, string nameKey, KeyVersion version) => command
        .With("@vault", vault)
        .With("@name", nameKey)
        .With("@version", version.Version.ToLowerInvariant())
        .With("@kty", version.KeyType)
        .With("@keySize", version.KeySize)
        .With("@keyOps", string.Join(',', version.KeyOps))
        .With("@created", PostgresValues.Time(version.Created))
        .With("@updated", PostgresValues.Time(version.Updated))
        .With("@enabled", version.Enabled)
        .With("@nbf", PostgresValues.Time(version.NotBefore))
        .With("@exp", PostgresValues.Time(version.Expires))
        .With("@tags", PostgresTags.Write(version.Tags))
        .With("@n", version.PublicKey.N)
        .With("@e", version.PublicKey.E)
        .With("@crv", version.PublicKey.Curve)
        .With("@x", version.PublicKey.X)
        .With("@y", version.PublicKey.Y)
        .With("@material", version.SealedMaterial);

    /// <summary>Maps <see cref="PostgresKeySql.VersionColumns"/>.</summary>
    private static KeyVersion ReadVersion(NpgsqlDataReader reader, Guid vaultId) =>
        new(
            vaultId,
            Name: reader.GetString(0),
            Version: reader.GetString(2),
            KeyType: reader.GetString(3),
            KeySize: reader.GetInt32(4),
            KeyOps: reader.GetString(5).Split(',', StringSplitOptions.RemoveEmptyEntries),
            Created: reader.GetTime(6),
            Updated: reader.GetTime(7),
            Enabled: reader.GetBoolean(8),
            NotBefore: reader.GetTimeOrNull(9),
            Expires: reader.GetTimeOrNull(10),
            Tags: PostgresTags.Read(reader.GetStringOrNull(11)),
            PublicKey: new PublicKeyParts(reader.GetBytesOrNull(12), reader.GetBytesOrNull(13), reader.GetStringOrNull(14), reader.GetBytesOrNull(15), reader.GetBytesOrNull(16)),
            SealedMaterial: reader.GetBytes(17))
        {
            Sequence = reader.GetInt64(1),
        };

}
