namespace Coffer.Core.Keys.Cryptography;

/// <summary>
/// The public half of a key, as JWK fields in raw bytes: RSA <c>n</c>/<c>e</c>, EC <c>crv</c>/<c>x</c>/<c>y</c>;
/// everything is null for an oct key, whose material is all secret.
/// </summary>
public sealed record PublicKeyParts(byte[]? N, byte[]? E, string? Curve, byte[]? X, byte[]? Y);
