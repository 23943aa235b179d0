using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>Wire <c>UserAssignedIdentityProperties</c>: the identity's tenant, principal (object) id and client (app) id.</summary>
internal sealed class UserAssignedIdentityProperties
{
    [JsonPropertyName("tenantId")]
    public required string TenantId { get; init; }

    [JsonPropertyName("principalId")]
    public required string PrincipalId { get; init; }

    [JsonPropertyName("clientId")]
    public required string ClientId { get; init; }
}
