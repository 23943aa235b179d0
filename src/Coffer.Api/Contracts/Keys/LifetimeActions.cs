using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Keys;

/// <summary>Wire <c>LifetimeActions</c>: one trigger and one action (the spec names the single item in the plural).</summary>
internal sealed class LifetimeActions
{
    [JsonPropertyName("trigger")]
    public LifetimeActionsTrigger? Trigger { get; set; }

    [JsonPropertyName("action")]
    public LifetimeActionsType? Action { get; set; }
}
