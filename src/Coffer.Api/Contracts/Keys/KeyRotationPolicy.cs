using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Keys;

/// <summary>Wire <c>KeyRotationPolicy</c> (<c>GET</c>/<c>PUT /keys/{name}/rotationpolicy</c>).</summary>
internal sealed class KeyRotationPolicy
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("lifetimeActions")]
    public IReadOnlyList<LifetimeActions>? LifetimeActions { get; set; }

    [JsonPropertyName("attributes")]
    public KeyRotationPolicyAttributes? Attributes { get; set; }
}
