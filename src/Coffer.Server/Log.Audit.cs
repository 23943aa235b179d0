namespace Coffer.Server;

/// <summary>Audit retention messages (ids 5010–5019 of the audit range).</summary>
internal static partial class Log
{
    [LoggerMessage(5010, LogLevel.Information, "Audit retention deleted {Count} records older than {Cutoff:O}.", EventName = "AuditRecordsExpired")]
    public static partial void AuditRecordsExpired(ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(5011, LogLevel.Error, "Audit retention failed; it will be retried.", EventName = "AuditRetentionFailed")]
    public static partial void AuditRetentionFailed(ILogger logger, Exception error);
}
