using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Management;

/// <summary>ARM's <c>VaultAccessPolicyParameters</c>: <c>{"id","name","type","location","properties":{"accessPolicies":[…]}}</c>.</summary>
internal sealed class VaultAccessPolicyParameters
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("location")]
    public string? Location { get; init; }

    [JsonPropertyName("properties")]
    public VaultAccessPolicyProperties? Properties { get; init; }
}

internal sealed class VaultAccessPolicyProperties
{
    [JsonPropertyName("accessPolicies")]
    public List<AccessPolicyEntry>? AccessPolicies { get; init; }
}
