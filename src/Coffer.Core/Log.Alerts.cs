using Microsoft.Extensions.Logging;

namespace Coffer.Core;

/// <summary>Alert rules' log messages (ids 5100–5149). Rule names and counts only: never a record's contents.</summary>
internal static partial class Log
{
    [LoggerMessage(5101, LogLevel.Information, "Alert rule {RuleName} in resource group {ResourceGroup} set (new: {Created}).", EventName = "AlertRuleSet")]
    public static partial void AlertRuleSet(ILogger logger, string ruleName, string resourceGroup, bool created);

    [LoggerMessage(5102, LogLevel.Information, "Alert rule {RuleName} in resource group {ResourceGroup} deleted.", EventName = "AlertRuleDeleted")]
    public static partial void AlertRuleDeleted(ILogger logger, string ruleName, string resourceGroup);

    [LoggerMessage(5103, LogLevel.Warning, "Alert rule {RuleName} in resource group {ResourceGroup} fired on {RecordCount} audit records (alert {AlertId}).", EventName = "AlertFired")]
    public static partial void AlertFired(ILogger logger, string ruleName, string resourceGroup, int recordCount, Guid alertId);

    [LoggerMessage(5104, LogLevel.Error, "Alert {AlertId} of rule {RuleName} in resource group {ResourceGroup} could not be delivered to its webhook; its records count again at the next evaluation.", EventName = "AlertUndelivered")]
    public static partial void AlertUndelivered(ILogger logger, string ruleName, string resourceGroup, Guid alertId);

    [LoggerMessage(5105, LogLevel.Error, "Evaluating alert rule {RuleName} in resource group {ResourceGroup} failed; it is tried again at its next round.", EventName = "AlertEvaluationFailed")]
    public static partial void AlertEvaluationFailed(ILogger logger, string ruleName, string resourceGroup, Exception exception);
}
