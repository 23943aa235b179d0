using Microsoft.Extensions.Logging;

namespace Coffer.Storage.Postgres;

/// <summary>
/// PostgreSQL storage log messages (ids 6000-6099). Host, database, names, versions and counts only: never the
/// connection string (it holds the password), a value or key material.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(6000, LogLevel.Information, "Opened PostgreSQL database {Database} on {Host} at schema version {SchemaVersion}.", EventName = "PostgresDatabaseOpened")]
    public static partial void DatabaseOpened(this ILogger logger, string? host, string? database, int schemaVersion);

    [LoggerMessage(6001, LogLevel.Information, "Migrated PostgreSQL database schema from version {FromVersion} to {ToVersion}.", EventName = "PostgresSchemaMigrated")]
    public static partial void SchemaMigrated(this ILogger logger, int fromVersion, int toVersion);

    [LoggerMessage(6003, LogLevel.Information, "Purged {Count} soft-deleted secrets whose retention had ended.", EventName = "PostgresSecretsPurged")]
    public static partial void SecretsPurged(this ILogger logger, int count);

    [LoggerMessage(6004, LogLevel.Debug, "Purged secret {SecretName} of vault {VaultId}.", EventName = "PostgresSecretPurged")]
    public static partial void SecretPurged(this ILogger logger, string secretName, Guid vaultId);

    [LoggerMessage(6005, LogLevel.Debug, "Restored secret {SecretName} of vault {VaultId} with {VersionCount} versions.", EventName = "PostgresSecretRestored")]
    public static partial void SecretRestored(this ILogger logger, string secretName, Guid vaultId, int versionCount);

    [LoggerMessage(6011, LogLevel.Information, "Purged {Count} soft-deleted keys whose retention had ended.", EventName = "PostgresKeysPurged")]
    public static partial void KeysPurged(this ILogger logger, int count);

    [LoggerMessage(6012, LogLevel.Debug, "Purged key {KeyName} of vault {VaultId}.", EventName = "PostgresKeyPurged")]
    public static partial void KeyPurged(this ILogger logger, string keyName, Guid vaultId);

    [LoggerMessage(6013, LogLevel.Debug, "Restored key {KeyName} of vault {VaultId} with {VersionCount} versions.", EventName = "PostgresKeyRestored")]
    public static partial void KeyRestored(this ILogger logger, string keyName, Guid vaultId, int versionCount);
}
