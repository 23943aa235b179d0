using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>Microsoft Graph's <c>servicePrincipal</c>, the fields Coffer keeps.</summary>
internal sealed class GraphServicePrincipal
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("appId")]
    public required string AppId { get; init; }

    [JsonPropertyName("displayName")]
    public required string DisplayName { get; init; }

    [JsonPropertyName("servicePrincipalType")]
    public string ServicePrincipalType { get; init; } = "Application";

    [JsonPropertyName("passwordCredentials")]
    public required IReadOnlyList<GraphPasswordCredential> PasswordCredentials { get; init; }
}
