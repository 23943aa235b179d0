namespace Coffer.Server;

/// <summary>The alert job's log messages (ids 5190–5199).</summary>
internal static partial class Log
{
    [LoggerMessage(5190, LogLevel.Error, "A round of alert rule evaluation failed; it will be retried.", EventName = "AlertRoundFailed")]
    public static partial void AlertRoundFailed(ILogger logger, Exception exception);
}
