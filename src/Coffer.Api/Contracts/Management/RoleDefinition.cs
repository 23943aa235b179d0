using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Management;

/// <summary>ARM's <c>RoleDefinition</c>: <c>{"id","name","type","properties":{"roleName","type","description","assignableScopes","permissions"}}</c>.</summary>
internal sealed class RoleDefinition
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("type")]
    public string Type { get; init; } = "Microsoft.Authorization/roleDefinitions";

    [JsonPropertyName("properties")]
    public required RoleDefinitionProperties Properties { get; init; }
}

internal sealed class RoleDefinitionProperties
{
    [JsonPropertyName("roleName")]
    public required string RoleName { get; init; }

    [JsonPropertyName("type")]
    public string Type { get; init; } = "BuiltInRole";

    [JsonPropertyName("description")]
    public required string Description { get; init; }

    [JsonPropertyName("assignableScopes")]
    public IReadOnlyList<string> AssignableScopes { get; init; } = ["/"];

    [JsonPropertyName("permissions")]
    public required IReadOnlyList<Permission> Permissions { get; init; }
}

/// <summary>ARM's <c>Permission</c>: the four action lists of a role.</summary>
internal sealed class Permission
{
    [JsonPropertyName("actions")]
    public required IReadOnlyList<string> Actions { get; init; }

    [JsonPropertyName("notActions")]
    public required IReadOnlyList<string> NotActions { get; init; }

    [JsonPropertyName("dataActions")]
    public required IReadOnlyList<string> DataActions { get; init; }

    [JsonPropertyName("notDataActions")]
    public IReadOnlyList<string> NotDataActions { get; init; } = [];
}
