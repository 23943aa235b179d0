using Microsoft.Extensions.Logging;

namespace Coffer.Storage.Sqlite;

/// <summary>Storage log messages (ids 2000-2999). Names, versions, ids and counts only: never a value or key material.</summary>
internal static partial class Log
{
    [LoggerMessage(2000, LogLevel.Information, "Opened SQLite database {DatabasePath} at schema version {SchemaVersion}.", EventName = "SqliteDatabaseOpened")]
    public static partial void DatabaseOpened(this ILogger logger, string databasePath, int schemaVersion);

    [LoggerMessage(2001, LogLevel.Information, "Migrated SQLite database schema from version {FromVersion} to {ToVersion}.", EventName = "SqliteSchemaMigrated")]
    public static partial void SchemaMigrated(this ILogger logger, int fromVersion, int toVersion);

    [LoggerMessage(2002, LogLevel.Warning, "SQLite refused WAL journal mode for {DatabasePath} (it reported '{JournalMode}'); reads will wait for writes.", EventName = "SqliteWalUnavailable")]
    public static partial void WalUnavailable(this ILogger logger, string databasePath, string journalMode);

    [LoggerMessage(2003, LogLevel.Information, "Purged {Count} soft-deleted secrets whose retention had ended.", EventName = "SqliteSecretsPurged")]
    public static partial void SecretsPurged(this ILogger logger, int count);

    [LoggerMessage(2004, LogLevel.Debug, "Purged secret {SecretName} of vault {VaultId}.", EventName = "SqliteSecretPurged")]
    public static partial void SecretPurged(this ILogger logger, string secretName, Guid vaultId);

    [LoggerMessage(2005, LogLevel.Debug, "Restored secret {SecretName} of vault {VaultId} with {VersionCount} versions.", EventName = "SqliteSecretRestored")]
    public static partial void SecretRestored(this ILogger logger, string secretName, Guid vaultId, int versionCount);

    [LoggerMessage(2401, LogLevel.Information, "Purged {Count} soft-deleted keys whose retention had ended.", EventName = "SqliteKeysPurged")]
    public static partial void KeysPurged(this ILogger logger, int count);

    [LoggerMessage(2402, LogLevel.Debug, "Purged key {KeyName} of vault {VaultId}.", EventName = "SqliteKeyPurged")]
    public static partial void KeyPurged(this ILogger logger, string keyName, Guid vaultId);

    [LoggerMessage(2403, LogLevel.Debug, "Restored key {KeyName} of vault {VaultId} with {VersionCount} versions.", EventName = "SqliteKeyRestored")]
    public static partial void KeyRestored(this ILogger logger, string keyName, Guid vaultId, int versionCount);

    [LoggerMessage(2500, LogLevel.Warning, "Indexed {Count} audit records the journal held from before the last stop.", EventName = "SqliteAuditJournalRecovered")]
    public static partial void AuditJournalRecovered(this ILogger logger, int count);

    [LoggerMessage(2501, LogLevel.Error, "Could not copy {Count} journaled audit records into the audit database ({ErrorType}); they stay in the journal and are tried again.", EventName = "SqliteAuditIndexFailed")]
    public static partial void AuditIndexFailed(this ILogger logger, int count, string errorType, Exception error);

    [LoggerMessage(2502, LogLevel.Warning, "Could not empty the audit journal ({ErrorType}); it is tried again later.", EventName = "SqliteAuditJournalNotReset")]
    public static partial void AuditJournalNotReset(this ILogger logger, string errorType, Exception error);
}
