using Microsoft.Extensions.Logging;

namespace Coffer.Api;

/// <summary>The cluster's log messages in the Api (ids 6140–6149).</summary>
internal static partial class Log
{
    [LoggerMessage(6140, LogLevel.Warning, "The database cannot be reached ({ExceptionType}); requests are answered 503 with Retry-After until it returns. Logged once per outage.", EventName = "DatabaseUnavailable")]
    public static partial void DatabaseUnavailable(ILogger logger, string exceptionType, Exception exception);
}
