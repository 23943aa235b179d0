using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Management;

/// <summary>ARM's <c>VaultProperties</c> (and, read from a PATCH, <c>VaultPatchProperties</c>).</summary>
internal sealed class VaultProperties
{
    [JsonPropertyName("tenantId")]
    public string? TenantId { get; init; }

    [JsonPropertyName("sku")]
    public Sku? Sku { get; init; }

    [JsonPropertyName("accessPolicies")]
    public List<AccessPolicyEntry>? AccessPolicies { get; init; }

    [JsonPropertyName("vaultUri")]
    public string? VaultUri { get; init; }

    [JsonPropertyName("enabledForDeployment")]
    public bool? EnabledForDeployment { get; init; }

    [JsonPropertyName("enabledForDiskEncryption")]
    public bool? EnabledForDiskEncryption { get; init; }

    [JsonPropertyName("enabledForTemplateDeployment")]
    public bool? EnabledForTemplateDeployment { get; init; }

    [JsonPropertyName("enableSoftDelete")]
    public bool? EnableSoftDelete { get; init; }

    [JsonPropertyName("softDeleteRetentionInDays")]
    public int? SoftDeleteRetentionInDays { get; init; }

    [JsonPropertyName("enableRbacAuthorization")]
    public bool? EnableRbacAuthorization { get; init; }

    [JsonPropertyName("enablePurgeProtection")]
    public bool? EnablePurgeProtection { get; init; }

    /// <summary>Read from a PUT only: <c>default</c> creates, <c>recover</c> brings back a soft-deleted vault.</summary>
    [JsonPropertyName("createMode")]
    public string? CreateMode { get; init; }

    [JsonPropertyName("provisioningState")]
    public string? ProvisioningState { get; init; }

    [JsonPropertyName("publicNetworkAccess")]
    public string? PublicNetworkAccess { get; init; }

    [JsonPropertyName("networkAcls")]
    public NetworkRuleSet? NetworkAcls { get; init; }
}

/// <summary>ARM's <c>Sku</c>: <c>{"family":"A","name":"standard"}</c>.</summary>
internal sealed class Sku
{
    [JsonPropertyName("family")]
    public string? Family { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }
}
