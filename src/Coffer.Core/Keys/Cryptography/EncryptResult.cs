namespace Coffer.Core.Keys.Cryptography;

/// <summary>
/// An encryption's output: the ciphertext, and for AES the iv used, the GCM tag and the associated data echoed back,
/// as Key Vault's <c>KeyOperationResult</c> returns them.
/// </summary>
public sealed record EncryptResult(byte[] Value, byte[]? Iv, byte[]? Tag, byte[]? Aad);
