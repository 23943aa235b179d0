using Microsoft.Extensions.Logging;

namespace Coffer.Core;

/// <summary>Core's key log messages (ids 1401–1419). Names, versions and ids only: never key material or plaintext.</summary>
internal static partial class Log
{
    [LoggerMessage(1401, LogLevel.Debug, "Vault {VaultName}: created key {KeyName} version {Version}.", EventName = "KeyVersionCreated")]
    public static partial void KeyVersionCreated(ILogger logger, string vaultName, string keyName, string version);

    [LoggerMessage(1402, LogLevel.Debug, "Vault {VaultName}: imported key {KeyName} version {Version}.", EventName = "KeyImported")]
    public static partial void KeyImported(ILogger logger, string vaultName, string keyName, string version);

    [LoggerMessage(1403, LogLevel.Information, "Vault {VaultName}: deleted key {KeyName}.", EventName = "KeyDeleted")]
    public static partial void KeyDeleted(ILogger logger, string vaultName, string keyName);

    [LoggerMessage(1404, LogLevel.Information, "Vault {VaultName}: recovered key {KeyName}.", EventName = "KeyRecovered")]
    public static partial void KeyRecovered(ILogger logger, string vaultName, string keyName);

    [LoggerMessage(1405, LogLevel.Information, "Vault {VaultName}: purged key {KeyName}.", EventName = "KeyPurged")]
    public static partial void KeyPurged(ILogger logger, string vaultName, string keyName);

    [LoggerMessage(1406, LogLevel.Information, "Vault {VaultName}: restored key {KeyName} with {VersionCount} versions.", EventName = "KeyRestored")]
    public static partial void KeyRestored(ILogger logger, string vaultName, string keyName, int versionCount);

    [LoggerMessage(1407, LogLevel.Information, "Vault {VaultName}: rotated key {KeyName} to version {Version}.", EventName = "KeyRotated")]
    public static partial void KeyRotated(ILogger logger, string vaultName, string keyName, string version);

    [LoggerMessage(1408, LogLevel.Information, "Vault {VaultName}: set the rotation policy of key {KeyName}.", EventName = "KeyRotationPolicySet")]
    public static partial void KeyRotationPolicySet(ILogger logger, string vaultName, string keyName);

    [LoggerMessage(1409, LogLevel.Information, "Vault {VaultId}: the rotation policy rotated key {KeyName} to version {Version}.", EventName = "KeyRotatedByPolicy")]
    public static partial void KeyRotatedByPolicy(ILogger logger, Guid vaultId, string keyName, string version);

    [LoggerMessage(1410, LogLevel.Information, "Vault {VaultId}: key {KeyName} version {Version} is near expiry; recorded its notification.", EventName = "KeyNearExpiryRecorded")]
    public static partial void KeyNearExpiryRecorded(ILogger logger, Guid vaultId, string keyName, string version);

    [LoggerMessage(1411, LogLevel.Error, "Vault {VaultId}: the rotation policy of key {KeyName} could not be carried out; retrying on the next pass.", EventName = "KeyRotationFailed")]
    public static partial void KeyRotationFailed(ILogger logger, Guid vaultId, string keyName, Exception exception);
}
