using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Keys;

/// <summary>Wire <c>KeyImportParameters</c> (<c>PUT /keys/{name}</c>); note the capital H of <c>Hsm</c>, as the spec has it.</summary>
internal sealed class KeyImportParameters
{
    [JsonPropertyName("Hsm")]
    public bool? Hsm { get; set; }

    [JsonPropertyName("key")]
    public ImportedJsonWebKey? Key { get; set; }

    [JsonPropertyName("attributes")]
    public KeyAttributes? Attributes { get; set; }

    [JsonPropertyName("tags")]
    public IReadOnlyDictionary<string, string>? Tags { get; set; }

    [JsonPropertyName("release_policy")]
    public KeyReleasePolicy? ReleasePolicy { get; set; }
}
