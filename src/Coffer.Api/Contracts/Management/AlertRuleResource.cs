using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Management;

/// <summary>
/// An alert rule as an ARM resource (<c>Coffer.Alerts/alertRules</c>):
/// <c>{"id":"/subscriptions/{sub}/resourceGroups/{rg}/providers/Coffer.Alerts/alertRules/{name}","name","type","properties":{…}}</c>.
/// The same class reads the PUT body (its read-only members ignored).
/// </summary>
internal sealed class AlertRuleResource
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("properties")]
    public AlertRuleProperties? Properties { get; init; }
}
