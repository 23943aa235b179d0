namespace Coffer.Core.Identity;

/// <summary>
/// A token signing key as stored: its PKCS#8 private key wrapped by the root key, and when it starts signing.
/// It is published (JWKS) from <see cref="Created"/>, signs from <see cref="Activates"/> until the next key activates,
/// and is dropped once no token it signed can still be valid.
/// </summary>
public sealed record StoredSigningKey(string KeyId, byte[] WrappedPrivateKey, DateTimeOffset Created, DateTimeOffset Activates);
