using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>The App Service managed-identity token response (<c>expires_on</c> is a string of Unix seconds).</summary>
internal sealed class ManagedIdentityToken
{
    [JsonPropertyName("access_token")]
    public required string AccessToken { get; init; }

    [JsonPropertyName("expires_on")]
    public required string ExpiresOn { get; init; }

    [JsonPropertyName("expires_in")]
    public required long ExpiresIn { get; init; }

    [JsonPropertyName("resource")]
    public required string Resource { get; init; }

    [JsonPropertyName("token_type")]
    public string TokenType { get; init; } = "Bearer";

    [JsonPropertyName("client_id")]
    public required string ClientId { get; init; }
}
