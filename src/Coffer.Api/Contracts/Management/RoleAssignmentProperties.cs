using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Management;

/// <summary>ARM's <c>RoleAssignmentProperties</c>; the same class reads a create request's body.</summary>
internal sealed class RoleAssignmentProperties
{
    [JsonPropertyName("roleDefinitionId")]
    public string? RoleDefinitionId { get; init; }

    [JsonPropertyName("principalId")]
    public string? PrincipalId { get; init; }

    [JsonPropertyName("principalType")]
    public string? PrincipalType { get; init; }

    [JsonPropertyName("scope")]
    public string? Scope { get; init; }

    [JsonPropertyName("condition")]
    public string? Condition { get; init; }

    [JsonPropertyName("conditionVersion")]
    public string? ConditionVersion { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("createdOn")]
    public DateTime? CreatedOn { get; init; }

    [JsonPropertyName("updatedOn")]
    public DateTime? UpdatedOn { get; init; }

    [JsonPropertyName("createdBy")]
    public string? CreatedBy { get; init; }

    [JsonPropertyName("updatedBy")]
    public string? UpdatedBy { get; init; }
}
