using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>An OAuth2-style error from the token endpoints.</summary>
internal sealed class OAuthError
{
    [JsonPropertyName("error")]
    public required string Error { get; init; }

    [JsonPropertyName("error_description")]
    public required string Description { get; init; }
}
