using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Management;

/// <summary>ARM's <c>VirtualNetworkRule</c>: read only to refuse it (Coffer has no virtual networks), never written.</summary>
internal sealed class VirtualNetworkRule
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("ignoreMissingVnetServiceEndpoint")]
    public bool? IgnoreMissingVnetServiceEndpoint { get; init; }
}
