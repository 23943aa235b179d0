using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Keys;

/// <summary>Wire <c>KeyCreateParameters</c> (<c>POST /keys/{name}/create</c>).</summary>
internal sealed class KeyCreateParameters
{
    [JsonPropertyName("kty")]
    public string? Kty { get; set; }

    [JsonPropertyName("key_size")]
    public int? KeySize { get; set; }

    [JsonPropertyName("public_exponent")]
    public int? PublicExponent { get; set; }

    [JsonPropertyName("key_ops")]
    public IReadOnlyList<string>? KeyOps { get; set; }

    [JsonPropertyName("attributes")]
    public KeyAttributes? Attributes { get; set; }

    [JsonPropertyName("tags")]
    public IReadOnlyDictionary<string, string>? Tags { get; set; }

    [JsonPropertyName("crv")]
    public string? Crv { get; set; }

    [JsonPropertyName("release_policy")]
    public KeyReleasePolicy? ReleasePolicy { get; set; }
}
