using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Management;

/// <summary>
/// An alert rule's properties, named after Azure Monitor's scheduled query rules where they have one
/// (<c>description</c>, <c>severity</c>, <c>enabled</c>, <c>windowSize</c>, <c>evaluationFrequency</c>); the condition
/// is flattened, since it is always a count of audit records.
/// </summary>
internal sealed class AlertRuleProperties
{
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>0 (critical) to 4 (verbose); 3 when left out.</summary>
    [JsonPropertyName("severity")]
    public int? Severity { get; init; }

    [JsonPropertyName("enabled")]
    public bool? Enabled { get; init; }

    /// <summary>A vault's resource id, or the subscription's for every vault.</summary>
    [JsonPropertyName("scope")]
    public string? Scope { get; init; }

    [JsonPropertyName("operationNames")]
    public List<string>? OperationNames { get; init; }

    /// <summary>Empty or left out: every result.</summary>
    [JsonPropertyName("resultTypes")]
    public List<string>? ResultTypes { get; init; }

    /// <summary>The caller's object id or application id.</summary>
    [JsonPropertyName("caller")]
    public string? Caller { get; init; }

    /// <summary>The rule fires when more new records than this match (0 when left out: any).</summary>
    [JsonPropertyName("threshold")]
    public int? Threshold { get; init; }

    /// <summary>ISO 8601 (<c>PT5M</c>).</summary>
    [JsonPropertyName("windowSize")]
    public string? WindowSize { get; init; }

    /// <summary>ISO 8601 (<c>PT1M</c>).</summary>
    [JsonPropertyName("evaluationFrequency")]
    public string? EvaluationFrequency { get; init; }

    [JsonPropertyName("webhookUrl")]
    public string? WebhookUrl { get; init; }

    /// <summary>Read-only: when the rule was last evaluated.</summary>
    [JsonPropertyName("lastEvaluatedTime")]
    public DateTimeOffset? LastEvaluatedTime { get; init; }

    /// <summary>Read-only: when the rule last fired (and the alert was delivered).</summary>
    [JsonPropertyName("lastFiredTime")]
    public DateTimeOffset? LastFiredTime { get; init; }
}
