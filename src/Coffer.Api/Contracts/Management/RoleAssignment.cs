using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Management;

/// <summary>ARM's <c>RoleAssignment</c> (Microsoft.Authorization 2022-04-01): <c>{"id","name","type","properties"}</c>.</summary>
internal sealed class RoleAssignment
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("type")]
    public string Type { get; init; } = "Microsoft.Authorization/roleAssignments";

    [JsonPropertyName("properties")]
    public required RoleAssignmentProperties Properties { get; init; }
}
