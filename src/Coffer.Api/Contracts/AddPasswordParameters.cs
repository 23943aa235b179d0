using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>The body of <c>POST /v1.0/servicePrincipals/{id}/addPassword</c>: <c>{"passwordCredential":{"displayName","endDateTime"}}</c>.</summary>
internal sealed class AddPasswordParameters
{
    [JsonPropertyName("passwordCredential")]
    public PasswordCredentialParameters? PasswordCredential { get; init; }
}

internal sealed class PasswordCredentialParameters
{
    [JsonPropertyName("displayName")]
    public string? DisplayName { get; init; }

    [JsonPropertyName("endDateTime")]
    [JsonConverter(typeof(GraphDateTimeConverter))]
    public DateTimeOffset? EndDateTime { get; init; }
}
