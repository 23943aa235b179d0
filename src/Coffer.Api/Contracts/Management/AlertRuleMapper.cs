using Coffer.Core.Alerts;
using Coffer.Core.Errors;

namespace Coffer.Api.Contracts.Management;

/// <summary>Maps alert rules to and from their ARM shape; the body's values are checked here and by <see cref="AlertRuleLimits"/>.</summary>
internal static class AlertRuleMapper
{
    public const string ResourceType = AlertErrors.ResourceType;

    public static string ResourceId(Guid subscriptionId, string resourceGroup, string name) =>
        $"/subscriptions/{subscriptionId:D}/resourceGroups/{resourceGroup}/providers/{ResourceType}/{name}";

    public static AlertRuleResource ToWire(AlertRule rule, Guid subscriptionId) => new()
    {
        Id = ResourceId(subscriptionId, rule.ResourceGroup, rule.Name),
        Name = rule.Name,
        Type = ResourceType,
        Properties = new AlertRuleProperties
        {
            Description = rule.Description,
            Severity = rule.Severity,
            Enabled = rule.Enabled,
            Scope = rule.Scope,
            OperationNames = [.. rule.Operations],
            ResultTypes = [.. rule.ResultTypes],
            Caller = rule.Caller,
            Threshold = rule.Threshold,
            WindowSize = AlertDuration.Format(rule.Window),
            EvaluationFrequency = AlertDuration.Format(rule.Frequency),
            WebhookUrl = rule.Webhook.OriginalString,
            LastEvaluatedTime = rule.State.LastEvaluated,
            LastFiredTime = rule.State.LastFired,
        },
    };

    /// <summary>
    /// The rule a PUT body describes, its scope already checked by the caller. Left-out values take their defaults
    /// (enabled, severity 3, threshold 0, every result); a value of the wrong form is a 400 naming its property.
    /// </summary>
    public static AlertRule FromWire(AlertRuleProperties properties, string resourceGroup, string name, string scope)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return new AlertRule(resourceGroup, name)
        {
            Scope = scope,
            Description = properties.Description,
            Severity = properties.Severity ?? 3,
            Enabled = properties.Enabled ?? true,
            Operations = Entries(properties.OperationNames, "properties.operationNames"),
            ResultTypes = Entries(properties.ResultTypes, "properties.resultTypes"),
            Caller = properties.Caller,
            Threshold = properties.Threshold ?? 0,
            Window = Duration(properties.WindowSize, "properties.windowSize"),
            Frequency = Duration(properties.EvaluationFrequency, "properties.evaluationFrequency"),
            Webhook = Uri.TryCreate(properties.WebhookUrl, UriKind.Absolute, out var webhook)
                ? webhook
                : throw AlertErrors.InvalidProperty("properties.webhookUrl", "give an absolute https URL."),
        };
    }

    private static string[] Entries(List<string>? values, string property) =>
        values is null ? [] : [.. values.Select(v => v ?? throw AlertErrors.InvalidProperty(property, "an entry is null."))];

    private static TimeSpan Duration(string? text, string property) =>
        text is null ? throw AlertErrors.InvalidProperty(property, "it is required, as an ISO 8601 duration such as PT5M.")
        : AlertDuration.TryParse(text, out var duration) ? duration
        : throw AlertErrors.InvalidProperty(property, $"'{(text.Length <= 40 ? text : text[..40] + "…")}' is not an ISO 8601 duration such as PT5M (no years or months).");
}
