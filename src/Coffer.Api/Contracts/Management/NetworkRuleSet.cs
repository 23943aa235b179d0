using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Management;

/// <summary>ARM's <c>NetworkRuleSet</c> (a vault's <c>properties.networkAcls</c>).</summary>
internal sealed class NetworkRuleSet
{
    [JsonPropertyName("bypass")]
    public string? Bypass { get; init; }

    [JsonPropertyName("defaultAction")]
    public string? DefaultAction { get; init; }

    [JsonPropertyName("ipRules")]
    public List<IPRule>? IpRules { get; init; }

    [JsonPropertyName("virtualNetworkRules")]
    public List<VirtualNetworkRule>? VirtualNetworkRules { get; init; }
}
