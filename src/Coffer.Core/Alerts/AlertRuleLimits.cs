using Coffer.Core.Errors;

namespace Coffer.Core.Alerts;

/// <summary>
/// What an alert rule may hold, in the spirit of Azure Monitor's log search alerts (windows of 1 minute to 2 days,
/// evaluated every 1 minute to 1 hour, never less often than its window; severities 0–4). Each refusal names the ARM
/// property at fault.
/// </summary>
public static class AlertRuleLimits
{
    public const int MaxRules = 100;
    public const int MaxNameLength = 64;
    public const int MaxOperations = 20;
    public const int MaxResultTypes = 10;
    public const int MaxTokenLength = 64;
    public const int MaxThreshold = 10_000;
    public const int MaxWebhookLength = 2048;
    public const int MaxDescriptionLength = 1024;
    public const int MaxSeverity = 4;
    public static readonly TimeSpan MinWindow = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(2);
    public static readonly TimeSpan MinFrequency = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxFrequency = TimeSpan.FromHours(1);

    public static bool IsValidName(string? name) =>
        name is { Length: >= 1 and <= MaxNameLength } && char.IsAsciiLetterOrDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Refuses a rule that breaks a limit, with ARM's 400 naming the property.</summary>
    public static void Validate(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!IsValidName(rule.Name))
        {
            throw AlertErrors.InvalidName(rule.Name);
        }

        CheckTokens("properties.operationNames", rule.Operations, MaxOperations, required: true);
        CheckTokens("properties.resultTypes", rule.ResultTypes, MaxResultTypes, required: false);
        if (rule.Caller is not null && !Guid.TryParse(rule.Caller, out _))
        {
            throw AlertErrors.InvalidProperty("properties.caller", "give the caller's object id or application id, a GUID.");
        }

        if (rule.Threshold is < 0 or > MaxThreshold)
        {
            throw AlertErrors.InvalidProperty("properties.threshold", $"it must be from 0 to {MaxThreshold}.");
        }

        if (rule.Window < MinWindow || rule.Window > MaxWindow || rule.Window.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            throw AlertErrors.InvalidProperty("properties.windowSize", "it must be whole minutes from PT1M to P2D.");
        }

        if (rule.Frequency < MinFrequency || rule.Frequency > MaxFrequency || rule.Frequency.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            throw AlertErrors.InvalidProperty("properties.evaluationFrequency", "it must be whole minutes from PT1M to PT1H.");
        }

        if (rule.Frequency > rule.Window)
        {
            throw AlertErrors.InvalidProperty("properties.evaluationFrequency", "it must not be longer than properties.windowSize, or records would go unseen.");
        }

        if (rule.Severity is < 0 or > MaxSeverity)
        {
            throw AlertErrors.InvalidProperty("properties.severity", $"it must be from 0 to {MaxSeverity}.");
        }

        if (rule.Description is { Length: > MaxDescriptionLength })
        {
            throw AlertErrors.InvalidProperty("properties.description", $"it is longer than {MaxDescriptionLength} characters.");
        }

        CheckWebhook(rule.Webhook);
    }

    /// <summary>
    /// https anywhere, or plain http only to a loopback address (a receiver on the same machine), since the
    /// notification lists who was refused what. No credentials in the URL: they would be shown back by every GET.
    /// </summary>
    public static void CheckWebhook(Uri? webhook)
    {
        const string Property = "properties.webhookUrl";
        if (webhook is null || !webhook.IsAbsoluteUri || webhook.OriginalString.Length > MaxWebhookLength)
        {
            throw AlertErrors.InvalidProperty(Property, $"give an absolute https URL of at most {MaxWebhookLength} characters.");
        }

        if (webhook.UserInfo.Length > 0)
        {
            throw AlertErrors.InvalidProperty(Property, "it must not carry a user name or password.");
        }

        var secure = webhook.Scheme == Uri.UriSchemeHttps;
        var loopback = webhook.Scheme == Uri.UriSchemeHttp && webhook.IsLoopback;
        if (!secure && !loopback)
        {
            throw AlertErrors.InvalidProperty(Property, "it must use https (plain http is allowed only to a loopback address).");
        }
    }

    private static void CheckTokens(string property, IReadOnlyList<string> values, int max, bool required)
    {
        if (required && values.Count == 0)
        {
            throw AlertErrors.InvalidProperty(property, "give at least one.");
        }

        if (values.Count > max)
        {
            throw AlertErrors.InvalidProperty(property, $"give at most {max}.");
        }

        foreach (var value in values)
        {
            if (value is not { Length: >= 1 and <= MaxTokenLength } || !value.All(char.IsAsciiLetter))
            {
                throw AlertErrors.InvalidProperty(property, $"each entry is 1 to {MaxTokenLength} letters, such as SecretGet or Forbidden.");
            }
        }

        if (values.Distinct(StringComparer.OrdinalIgnoreCase).Count() != values.Count)
        {
            throw AlertErrors.InvalidProperty(property, "an entry is repeated.");
        }
    }
}
