using Microsoft.Extensions.Logging;

namespace Coffer.Core;

/// <summary>The vault lifecycle's log messages (ids 1301–1319): vault names and dates only.</summary>
internal static partial class Log
{
    [LoggerMessage(1301, LogLevel.Information, "Created vault {VaultName} in resource group {ResourceGroup}.", EventName = "VaultCreated")]
    public static partial void VaultCreated(ILogger logger, string vaultName, string resourceGroup);

    [LoggerMessage(1302, LogLevel.Information, "Soft-deleted vault {VaultName}; it will be purged on {ScheduledPurge:O}.", EventName = "VaultDeleted")]
    public static partial void VaultDeleted(ILogger logger, string vaultName, DateTimeOffset scheduledPurge);

    [LoggerMessage(1303, LogLevel.Information, "Recovered vault {VaultName}.", EventName = "VaultRecovered")]
    public static partial void VaultRecovered(ILogger logger, string vaultName);

    [LoggerMessage(1304, LogLevel.Information, "Purged vault {VaultName} with its data keys and objects.", EventName = "VaultPurged")]
    public static partial void VaultPurged(ILogger logger, string vaultName);

    [LoggerMessage(1306, LogLevel.Information, "Lock {LockName} ({LockLevel}) set at {Scope}.", EventName = "LockSet")]
    public static partial void LockSet(ILogger logger, string lockName, string lockLevel, string scope);

    [LoggerMessage(1307, LogLevel.Information, "Lock {LockName} removed from {Scope}.", EventName = "LockRemoved")]
    public static partial void LockRemoved(ILogger logger, string lockName, string scope);
}
