using System.Globalization;
using Coffer.Core.Keys;
using Npgsql;

namespace Coffer.Storage.Postgres;

/// <summary>Rotation policies (one row per key, gone with the key on purge) and the notifications the rotation job records.</summary>
internal sealed partial class PostgresKeyStore
{
    public async Task<KeyRotationPolicy?> GetRotationPolicyAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(PostgresKeySql.GetPolicy)
            .With("@vault", PostgresValues.Id(vaultId))
            .With("@name", nameKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadPolicy(reader, 0) : null;
    }

    public async Task<bool> SetRotationPolicyAsync(Guid vaultId, string nameKey, KeyRotationPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await UpsertPolicyAsync(connection, null, PostgresValues.Id(vaultId), nameKey, policy, cancellationToken);
    }

    public async Task<IReadOnlyList<(KeyVersion Latest, KeyRotationPolicy Policy)>> ListWithRotationPolicyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(PostgresKeySql.ListWithPolicy);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<(KeyVersion, KeyRotationPolicy)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add((ReadVersion(reader, reader.GetId(18)), ReadPolicy(reader, 19)));
        }

        return keys;
    }

    public async Task<bool> AddNotificationAsync(KeyNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(PostgresKeySql.InsertNotification)
            .With("@vault", PostgresValues.Id(notification.VaultId))
            .With("@nameKey", KeyName.Key(notification.Name))
            .With("@name", notification.Name)
            .With("@version", notification.Version.ToLowerInvariant())
            .With("@type", notification.Type)
            .With("@due", PostgresValues.Time(notification.Due))
            .With("@exp", PostgresValues.Time(notification.Expires))
            .With("@recorded", PostgresValues.Time(notification.Recorded));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<KeyNotification>> ListNotificationsAsync(long afterSequence, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(PostgresKeySql.ListNotifications).With("@after", afterSequence).With("@take", take);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var notifications = new List<KeyNotification>();
        while (await reader.ReadAsync(cancellationToken))
        {
            notifications.Add(new KeyNotification(
                reader.GetId(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetTime(5), reader.GetTimeOrNull(6), reader.GetTime(7))
            {
                Sequence = reader.GetInt64(0),
            });
        }

        return notifications;
    }

    private static async Task<bool> UpsertPolicyAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string vault, string nameKey, KeyRotationPolicy policy, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UnixEpoch;
        await using var command = connection.CreateCommand(PostgresKeySql.UpsertPolicy, transaction)
            .With("@vault", vault)
            .With("@name", nameKey)
            .With("@actions", WriteActions(policy.LifetimeActions))
            .With("@expiryTime", policy.ExpiryTime)
            .With("@created", PostgresValues.Time(policy.Created ?? policy.Updated ?? now))
            .With("@updated", PostgresValues.Time(policy.Updated ?? policy.Created ?? now));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Actions as <c>Type,timeAfterCreate,timeBeforeExpiry</c> joined by <c>;</c>: validated durations hold neither separator.</summary>
    private static string WriteActions(IReadOnlyList<LifetimeAction> actions) =>
        string.Join(';', actions.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Type},{a.TimeAfterCreate},{a.TimeBeforeExpiry}")));

    private static KeyRotationPolicy ReadPolicy(NpgsqlDataReader reader, int first)
    {
        var actions = reader.GetString(first)
            .Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(text => text.Split(','))
            .Select(parts => new LifetimeAction(parts[0], NullIfEmpty(parts[1]), NullIfEmpty(parts[2])))
            .ToList();
        return new KeyRotationPolicy(actions, reader.GetStringOrNull(first + 1), reader.GetTime(first + 2), reader.GetTime(first + 3));
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
