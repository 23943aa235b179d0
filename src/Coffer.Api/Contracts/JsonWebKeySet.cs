using System.Text.Json.Serialization;

namespace Coffer.Api.Contracts;

/// <summary>A JWK Set (RFC 7517): the public keys that verify Coffer's tokens.</summary>
internal sealed class JsonWebKeySet
{
    [JsonPropertyName("keys")]
    public required IReadOnlyList<JsonWebKey> Keys { get; init; }
}
