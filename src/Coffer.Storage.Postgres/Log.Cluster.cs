using Microsoft.Extensions.Logging;

namespace Coffer.Storage.Postgres;

/// <summary>The cluster's log messages on PostgreSQL (ids 6100–6119): job names, node names and exception types only.</summary>
internal static partial class Log
{
    [LoggerMessage(6100, LogLevel.Information, "Listening for other nodes' changes (reconnected after a failure: {Reconnected}); every cache was told to forget.", EventName = "ChangeFeedConnected")]
    public static partial void ChangeFeedConnected(this ILogger logger, bool reconnected);

    [LoggerMessage(6101, LogLevel.Warning, "Lost the connection that listens for other nodes' changes ({ExceptionType}); reconnecting.", EventName = "ChangeFeedLost")]
    public static partial void ChangeFeedLost(this ILogger logger, string exceptionType);

    [LoggerMessage(6102, LogLevel.Warning, "Could not tell the other nodes about a change of {Kind} ({ExceptionType}); they forget everything when they reconnect.", EventName = "ChangeNotPublished")]
    public static partial void ChangeNotPublished(this ILogger logger, string kind, string exceptionType);

    [LoggerMessage(6103, LogLevel.Information, "Node {Node} took the lease of job {Job}.", EventName = "JobLeaseTaken")]
    public static partial void JobLeaseTaken(this ILogger logger, string job, string node);

    [LoggerMessage(6104, LogLevel.Information, "Node {Node} no longer holds the lease of job {Job}.", EventName = "JobLeaseLost")]
    public static partial void JobLeaseLost(this ILogger logger, string job, string node);

    [LoggerMessage(6105, LogLevel.Warning, "Could not renew the lease of job {Job} ({ExceptionType}); another node may take it.", EventName = "JobLeaseRenewalFailed")]
    public static partial void JobLeaseRenewalFailed(this ILogger logger, string job, string exceptionType);

    [LoggerMessage(6106, LogLevel.Warning, "Could not release the job leases of node {Node} ({ExceptionType}); they run out by themselves.", EventName = "JobLeaseReleaseFailed")]
    public static partial void JobLeaseReleaseFailed(this ILogger logger, string node, string exceptionType);
}
