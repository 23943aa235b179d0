using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Coffer.Api.Contracts.Audit;
using Coffer.Core.Alerts;
using Coffer.Core.Errors;

namespace Coffer.Api.Alerts;

/// <summary>
/// The webhook body, in the shape of Azure Monitor's common alert schema for a log search alert
/// (<c>schemaId</c> <c>azureMonitorCommonAlertSchema</c>, <c>data.essentials</c>, <c>data.alertContext</c> with a
/// <c>LogQueryCriteria</c> condition), plus <c>alertContext.records</c>: the matching audit records in Key Vault's
/// <c>AuditEvent</c> log shape (<see cref="AuditEventMapper"/>), newest first, at most <see cref="AlertEvaluation.MaxRecordsSent"/>.
/// </summary>
internal static class AlertPayload
{
    public static byte[] Write(AlertNotification notification, Guid subscriptionId)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var rule = notification.Rule;
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("schemaId", "azureMonitorCommonAlertSchema");
            json.WriteStartObject("data");

            json.WriteStartObject("essentials");
            json.WriteString("alertId", $"/subscriptions/{subscriptionId:D}/providers/Coffer.Alerts/alerts/{notification.Id:D}");
            json.WriteString("alertRule", rule.Name);
            json.WriteString("alertRuleId", $"/subscriptions/{subscriptionId:D}/resourceGroups/{rule.ResourceGroup}/providers/{AlertErrors.ResourceType}/{rule.Name}");
            json.WriteString("severity", "Sev" + rule.Severity.ToString(CultureInfo.InvariantCulture));
            json.WriteString("signalType", "Log");
            json.WriteString("monitorCondition", "Fired");
            json.WriteString("monitoringService", "Log Alerts V2");
            json.WriteStartArray("alertTargetIDs");
            json.WriteStringValue(rule.Scope.ToLowerInvariant());
            json.WriteEndArray();
            json.WriteStartArray("configurationItems");
            json.WriteStringValue(rule.VaultName ?? subscriptionId.ToString("D"));
            json.WriteEndArray();
            json.WriteString("originAlertId", notification.Id.ToString("D"));
            json.WriteString("firedDateTime", Time(notification.Fired));
            json.WriteString("description", rule.Description ?? string.Empty);
            json.WriteString("essentialsVersion", "1.0");
            json.WriteString("alertContextVersion", "1.0");
            json.WriteEndObject();

            json.WriteStartObject("alertContext");
            json.WriteStartObject("properties");
            json.WriteEndObject();
            json.WriteString("conditionType", "LogQueryCriteria");
            json.WriteStartObject("condition");
            json.WriteString("windowSize", AlertDuration.Format(rule.Window));
            json.WriteStartArray("allOf");
            json.WriteStartObject();
            json.WriteString("searchQuery", SearchQuery(rule));
            json.WriteString("targetResourceTypes", "['Microsoft.KeyVault/vaults']");
            json.WriteString("operator", "GreaterThan");
            json.WriteString("threshold", rule.Threshold.ToString(CultureInfo.InvariantCulture));
            json.WriteString("timeAggregation", "Count");
            json.WriteNumber("metricValue", notification.Count);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteString("windowStartTime", Time(notification.WindowStart));
            json.WriteString("windowEndTime", Time(notification.WindowEnd));
            json.WriteEndObject();
            json.WriteNumber("recordCount", notification.Count);
            json.WriteBoolean("truncated", notification.Truncated);
            json.WriteStartArray("records");
            foreach (var record in notification.Records)
            {
                // The same shape as the audit query endpoint and the JSON-lines file.
                JsonSerializer.Serialize(json, AuditEventMapper.ToWire(record), AuditJsonContext.Wire.AuditEventRecord);
            }

            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>What the rule counts, written as the Log Analytics query a user would run over Key Vault's table.</summary>
    private static string SearchQuery(AlertRule rule)
    {
        var query = "AzureDiagnostics | where Category == 'AuditEvent'";
        if (rule.VaultName is { } vault)
        {
            query += $" and Resource =~ '{vault}'";
        }

        query += $" and OperationName in~ ({Quoted(rule.Operations)})";
        if (rule.ResultTypes.Count > 0)
        {
            query += $" and ResultType in~ ({Quoted(rule.ResultTypes)})";
        }

        if (rule.Caller is { } caller)
        {
            query += $" and (identity_claim_oid_g == '{caller}' or identity_claim_appid_g == '{caller}')";
        }

        return query;
    }

    private static string Quoted(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"'{v}'"));

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
