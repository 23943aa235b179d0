using Microsoft.Extensions.Logging;

namespace Coffer.Core;

/// <summary>Audit log messages (ids 5000–5099, shared with the API's audit messages). Counts and kinds only.</summary>
internal static partial class Log
{
    [LoggerMessage(5000, LogLevel.Error, "Could not write a batch of {Count} audit records ({ErrorKind}); their requests are refused with 503.", EventName = "AuditBatchFailed")]
    public static partial void AuditBatchFailed(ILogger logger, int count, string errorKind, Exception error);

    [LoggerMessage(5001, LogLevel.Warning, "The audit sink {Sink} could not take {Count} durable records; the store still holds them.", EventName = "AuditSinkFailed")]
    public static partial void AuditSinkFailed(ILogger logger, string sink, int count, Exception error);

}
