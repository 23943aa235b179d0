using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>
/// A new workload credential, the only time its secret (<c>identityHeader</c>) is shown, with the endpoint to use it at.
/// </summary>
internal sealed class IdentityCredential
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("identityHeader")]
    public required string IdentityHeader { get; init; }

    [JsonPropertyName("identityEndpoint")]
    public required string IdentityEndpoint { get; init; }

    [JsonPropertyName("clientId")]
    public required string ClientId { get; init; }

    [JsonPropertyName("principalId")]
    public required string PrincipalId { get; init; }

    [JsonPropertyName("expiresOn")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public DateTimeOffset? ExpiresOn { get; init; }
}
