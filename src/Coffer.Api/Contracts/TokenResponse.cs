using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>The token endpoint's answer, as Entra writes it for the client-credentials grant.</summary>
internal sealed class TokenResponse
{
    [JsonPropertyName("token_type")]
    public string TokenType { get; init; } = "Bearer";

    [JsonPropertyName("expires_in")]
    public required long ExpiresIn { get; init; }

    [JsonPropertyName("ext_expires_in")]
    public required long ExtExpiresIn { get; init; }

    [JsonPropertyName("access_token")]
    public required string AccessToken { get; init; }
}
