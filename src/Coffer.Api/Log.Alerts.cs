using Microsoft.Extensions.Logging;

namespace Coffer.Api;

/// <summary>The alert webhook sender's log messages (ids 5150–5189): rule names, alert ids, hosts and statuses; never a URL's path or a record.</summary>
internal static partial class Log
{
    [LoggerMessage(5151, LogLevel.Information, "Alert {AlertId} of rule {RuleName} delivered to {WebhookHost} ({Status}) at attempt {Attempt}.", EventName = "AlertDelivered")]
    public static partial void AlertDelivered(ILogger logger, string ruleName, Guid alertId, string webhookHost, int status, int attempt);

    [LoggerMessage(5152, LogLevel.Warning, "Alert {AlertId} of rule {RuleName} was not accepted by {WebhookHost} (status {Status}, 0: no response) at attempt {Attempt}.", EventName = "AlertDeliveryFailed")]
    public static partial void AlertDeliveryFailed(ILogger logger, string ruleName, Guid alertId, string webhookHost, int status, int attempt);
}
