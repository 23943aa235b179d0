using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Management;

/// <summary>ARM's list shape (<c>RoleAssignmentListResult</c>, <c>RoleDefinitionListResult</c>, <c>VaultListResult</c>): <c>{"value":[…]}</c>.</summary>
internal sealed class ArmListResult<T>
{
    [JsonPropertyName("value")]
    public required IReadOnlyList<T> Value { get; init; }

    [JsonPropertyName("nextLink")]
    public string? NextLink { get; init; }
}
