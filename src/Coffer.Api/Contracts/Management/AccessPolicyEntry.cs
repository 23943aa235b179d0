using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Management;

/// <summary>ARM's <c>AccessPolicyEntry</c>: <c>{"tenantId","objectId","applicationId","permissions":{keys,secrets,certificates,storage}}</c>.</summary>
internal sealed class AccessPolicyEntry
{
    [JsonPropertyName("tenantId")]
    public string? TenantId { get; init; }

    [JsonPropertyName("objectId")]
    public string? ObjectId { get; init; }

    [JsonPropertyName("applicationId")]
    public string? ApplicationId { get; init; }

    [JsonPropertyName("permissions")]
    public Permissions? Permissions { get; init; }
}

/// <summary>ARM's <c>Permissions</c> of an access policy, Key Vault's permission names per object kind.</summary>
internal sealed class Permissions
{
    [JsonPropertyName("keys")]
    public List<string>? Keys { get; init; }

    [JsonPropertyName("secrets")]
    public List<string>? Secrets { get; init; }

    [JsonPropertyName("certificates")]
    public List<string>? Certificates { get; init; }

    [JsonPropertyName("storage")]
    public List<string>? Storage { get; init; }
}
