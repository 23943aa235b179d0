using Microsoft.Extensions.Logging;

namespace Coffer.Api;

/// <summary>The vault lifecycle's Api log messages (ids 3301–3319): names and counts only.</summary>
internal static partial class Log
{
    [LoggerMessage(3301, LogLevel.Information, "Removed {Count} role assignments at or under the deleted vault {VaultName}.", EventName = "VaultRoleAssignmentsRemoved")]
    public static partial void VaultRoleAssignmentsRemoved(ILogger logger, string vaultName, int count);
}
