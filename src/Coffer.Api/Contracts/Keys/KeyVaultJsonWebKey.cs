using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts.Keys;

/// <summary>
/// Wire <c>JsonWebKey</c> as a key bundle returns it: public members only. It has no member for a private part, so no
/// response can carry one (imports are read with <see cref="ImportedJsonWebKey"/>).
/// </summary>
internal sealed class KeyVaultJsonWebKey
{
    [JsonPropertyName("kid")]
    public string? Kid { get; set; }

    [JsonPropertyName("kty")]
    public string? Kty { get; set; }

    [JsonPropertyName("key_ops")]
    public IReadOnlyList<string>? KeyOps { get; set; }

    [JsonPropertyName("n")]
    public string? N { get; set; }

    [JsonPropertyName("e")]
    public string? E { get; set; }

    [JsonPropertyName("crv")]
    public string? Crv { get; set; }

    [JsonPropertyName("x")]
    public string? X { get; set; }

    [JsonPropertyName("y")]
    public string? Y { get; set; }
}
