using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Management;

/// <summary>ARM's <c>IPRule</c>: <c>{"value":"203.0.113.0/24"}</c>, an IPv4 address or CIDR range.</summary>
internal sealed class IPRule
{
    [JsonPropertyName("value")]
    public string? Value { get; init; }
}
