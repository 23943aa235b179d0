using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Management;

/// <summary>
/// ARM's <c>DeletedVault</c>: <c>{"id":"/subscriptions/{sub}/providers/Microsoft.KeyVault/locations/{location}/deletedVaults/{name}",
/// "name","type":"Microsoft.KeyVault/deletedVaults","properties":{…}}</c>.
/// </summary>
internal sealed class DeletedVault
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("properties")]
    public required DeletedVaultProperties Properties { get; init; }
}

/// <summary>ARM's <c>DeletedVaultProperties</c>; the dates are ISO 8601 in UTC, as Azure writes them.</summary>
internal sealed class DeletedVaultProperties
{
    [JsonPropertyName("vaultId")]
    public required string VaultId { get; init; }

    [JsonPropertyName("location")]
    public required string Location { get; init; }

    [JsonPropertyName("deletionDate")]
    public required string DeletionDate { get; init; }

    [JsonPropertyName("scheduledPurgeDate")]
    public required string ScheduledPurgeDate { get; init; }

    [JsonPropertyName("tags")]
    public required Dictionary<string, string> Tags { get; init; }

    [JsonPropertyName("purgeProtectionEnabled")]
    public required bool PurgeProtectionEnabled { get; init; }
}
