using Microsoft.Extensions.Logging;

namespace Coffer.Core;

/// <summary>The cluster's log messages in Core (ids 6120–6129).</summary>
internal static partial class Log
{
    [LoggerMessage(6120, LogLevel.Warning, "Could not reload the {Cache} after another node changed it; it keeps what it had until the next change or reconnect.", EventName = "ClusterReloadFailed")]
    public static partial void ClusterReloadFailed(ILogger logger, string cache, Exception exception);
}
