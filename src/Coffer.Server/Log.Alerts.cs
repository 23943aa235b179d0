namespace Coffer.Server;

/// <summary>The alert job's and webhook sender's log messages (ids 5150–5199): rule names, alert ids, hosts and statuses only.</summary>
internal static partial class Log
{
    [LoggerMessage(5151, LogLevel.Information, "Alert {AlertId} of rule {RuleName} delivered to {WebhookHost} ({Status}) at attempt {Attempt}.", EventName = "AlertDelivered")]
    public static partial void AlertDelivered(ILogger logger, string ruleName, Guid alertId, string webhookHost, int status, int attempt);

    [LoggerMessage(5152, LogLevel.Warning, "Alert {AlertId} of rule {RuleName} was not accepted by {WebhookHost} (status {Status}, 0: no response) at attempt {Attempt}.", EventName = "AlertDeliveryFailed")]
    public static partial void AlertDeliveryFailed(ILogger logger, string ruleName, Guid alertId, string webhookHost, int status, int attempt);

    [LoggerMessage(5153, LogLevel.Error, "A round of alert rule evaluation failed; it will be retried.", EventName = "AlertRoundFailed")]
    public static partial void AlertRoundFailed(ILogger logger, Exception exception);
}
