using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>The body of Coffer's <c>POST {identityId}/credentials</c>: an optional expiry.</summary>
internal sealed class IdentityCredentialParameters
{
    [JsonPropertyName("expiresOn")]
    public DateTimeOffset? ExpiresOn { get; init; }
}
