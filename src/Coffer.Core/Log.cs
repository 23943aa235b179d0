using Microsoft.Extensions.Logging;

namespace Coffer.Core;

/// <summary>Core's log messages (ids 1000–1999). Names, versions and ids only: never a value, key or token.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Debug, "Vault {VaultName}: created secret {SecretName} version {Version}.", EventName = "SecretVersionCreated")]
    public static partial void SecretVersionCreated(ILogger logger, string vaultName, string secretName, string version);

    [LoggerMessage(1002, LogLevel.Information, "Vault {VaultName}: deleted secret {SecretName}.", EventName = "SecretDeleted")]
    public static partial void SecretDeleted(ILogger logger, string vaultName, string secretName);

    [LoggerMessage(1003, LogLevel.Information, "Vault {VaultName}: recovered secret {SecretName}.", EventName = "SecretRecovered")]
    public static partial void SecretRecovered(ILogger logger, string vaultName, string secretName);

    [LoggerMessage(1004, LogLevel.Information, "Vault {VaultName}: purged secret {SecretName}.", EventName = "SecretPurged")]
    public static partial void SecretPurged(ILogger logger, string vaultName, string secretName);

    [LoggerMessage(1005, LogLevel.Information, "Vault {VaultName}: restored secret {SecretName} with {VersionCount} versions.", EventName = "SecretRestored")]
    public static partial void SecretRestored(ILogger logger, string vaultName, string secretName, int versionCount);

    [LoggerMessage(1201, LogLevel.Information, "Loaded {KeyCount} signing keys of the trusted issuer {Issuer}.", EventName = "ExternalIssuerKeysLoaded")]
    public static partial void ExternalIssuerKeysLoaded(ILogger logger, string issuer, int keyCount);

    [LoggerMessage(1202, LogLevel.Warning, "Could not fetch the signing keys of the trusted issuer {Issuer}: {Reason} Its tokens are checked against the keys last fetched, if any; retrying later.", EventName = "ExternalIssuerFetchFailed")]
    public static partial void ExternalIssuerFetchFailed(ILogger logger, string issuer, string reason);
}
