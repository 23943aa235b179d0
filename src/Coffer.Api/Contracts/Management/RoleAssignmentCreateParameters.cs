using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Management;

/// <summary>ARM's <c>RoleAssignmentCreateParameters</c>: <c>{"properties":{"roleDefinitionId","principalId","principalType"}}</c>.</summary>
internal sealed class RoleAssignmentCreateParameters
{
    [JsonPropertyName("properties")]
    public RoleAssignmentProperties? Properties { get; init; }
}
