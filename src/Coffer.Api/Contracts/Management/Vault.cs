using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Management;

/// <summary>
/// ARM's <c>Microsoft.KeyVault/vaults</c> resource (2023-07-01): <c>{"id","name","type","location","tags","properties"}</c>.
/// The same class reads <c>VaultCreateOrUpdateParameters</c> and <c>VaultPatchParameters</c> (their read-only members ignored).
/// </summary>
internal sealed class Vault
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("location")]
    public string? Location { get; init; }

    [JsonPropertyName("tags")]
    public Dictionary<string, string>? Tags { get; init; }

    [JsonPropertyName("properties")]
    public VaultProperties? Properties { get; init; }
}
