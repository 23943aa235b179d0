using Microsoft.Extensions.Logging;

namespace Coffer.Api;

/// <summary>Audit messages of the API (ids 5050–5099; Core's audit messages use 5000–5049).</summary>
internal static partial class Log
{
    [LoggerMessage(5050, LogLevel.Warning, "Refused a {OperationName} request with 503: its audit record could not be written.", EventName = "AuditRefused")]
    public static partial void AuditRefused(this ILogger logger, string operationName);
}
