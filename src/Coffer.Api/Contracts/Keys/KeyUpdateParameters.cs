using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Keys;

/// <summary>Wire <c>KeyUpdateParameters</c> (<c>PATCH /keys/{name}/{version}</c>).</summary>
internal sealed class KeyUpdateParameters
{
    [JsonPropertyName("key_ops")]
    public IReadOnlyList<string>? KeyOps { get; set; }

    [JsonPropertyName("attributes")]
    public KeyAttributes? Attributes { get; set; }

    [JsonPropertyName("tags")]
    public IReadOnlyDictionary<string, string>? Tags { get; set; }

    [JsonPropertyName("release_policy")]
    public KeyReleasePolicy? ReleasePolicy { get; set; }
}
