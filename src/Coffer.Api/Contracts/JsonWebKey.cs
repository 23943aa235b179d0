using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>One RSA signing key of a <see cref="JsonWebKeySet"/>; public parameters only.</summary>
internal sealed class JsonWebKey
{
    [JsonPropertyName("kty")]
    public string KeyType { get; init; } = "RSA";

    [JsonPropertyName("use")]
    public string Use { get; init; } = "sig";

    [JsonPropertyName("kid")]
    public required string KeyId { get; init; }

    [JsonPropertyName("n")]
    public required string Modulus { get; init; }

    [JsonPropertyName("e")]
    public required string Exponent { get; init; }

    [JsonPropertyName("alg")]
    public string Algorithm { get; init; } = "RS256";
}
