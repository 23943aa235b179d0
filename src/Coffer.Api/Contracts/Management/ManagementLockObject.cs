using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Management;

/// <summary>
/// ARM's <c>ManagementLockObject</c> (Microsoft.Authorization/locks, 2016-09-01):
/// <c>{"id":"{scope}/providers/Microsoft.Authorization/locks/{name}","name","type","properties":{"level","notes","owners"}}</c>.
/// The same class reads the PUT body (its read-only members ignored).
/// </summary>
internal sealed class ManagementLockObject
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("properties")]
    public ManagementLockProperties? Properties { get; init; }
}

internal sealed class ManagementLockProperties
{
    /// <summary><c>CanNotDelete</c> or <c>ReadOnly</c>.</summary>
    [JsonPropertyName("level")]
    public string? Level { get; init; }

    [JsonPropertyName("notes")]
    public string? Notes { get; init; }

    [JsonPropertyName("owners")]
    public List<ManagementLockOwner>? Owners { get; init; }
}

/// <summary>ARM's <c>ManagementLockOwner</c>: <c>{"applicationId":"…"}</c>.</summary>
internal sealed class ManagementLockOwner
{
    [JsonPropertyName("applicationId")]
    public string? ApplicationId { get; init; }
}
