using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>The body of <c>POST /v1.0/servicePrincipals</c>.</summary>
internal sealed class ServicePrincipalCreateParameters
{
    [JsonPropertyName("displayName")]
    public string? DisplayName { get; init; }
}
