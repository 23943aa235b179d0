using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>The body of a PUT (location, tags) or PATCH (tags) of a user-assigned identity; other members are ignored, as ARM ignores read-only ones.</summary>
internal sealed class IdentityParameters
{
    [JsonPropertyName("location")]
    public string? Location { get; init; }

    [JsonPropertyName("tags")]
    public Dictionary<string, string>? Tags { get; init; }
}
