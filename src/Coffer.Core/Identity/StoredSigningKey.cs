namespace Coffer.Core.Identity;

/// <summary>A token signing key as stored: its PKCS#8 private key wrapped by the root key.</summary>
public sealed record StoredSigningKey(string KeyId, byte[] WrappedPrivateKey, DateTimeOffset Created);
