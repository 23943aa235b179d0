using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Keys;

/// <summary>Wire <c>LifetimeActionsType</c>: <c>Rotate</c> or <c>Notify</c>.</summary>
internal sealed class LifetimeActionsType
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }
}
