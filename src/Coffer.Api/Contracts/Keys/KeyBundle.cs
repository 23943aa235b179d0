using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Keys;

/// <summary>Wire <c>KeyBundle</c>; <see cref="DeletedKeyBundle"/> adds the deletion fields.</summary>
internal class KeyBundle
{
    [JsonPropertyName("key")]
    public KeyVaultJsonWebKey? Key { get; set; }

    [JsonPropertyName("attributes")]
    public KeyAttributes? Attributes { get; set; }

    [JsonPropertyName("tags")]
    public IReadOnlyDictionary<string, string>? Tags { get; set; }

    [JsonPropertyName("managed")]
    public bool? Managed { get; set; }
}
