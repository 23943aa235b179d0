namespace Coffer.Core.Keys.Cryptography;

/// <summary>
/// The key operations (encrypt, decrypt, wrapKey, unwrapKey, sign, verify). Each checks the algorithm against the key
/// and the input sizes first and throws Key Vault's 400 <c>BadParameter</c> when they do not fit.
/// </summary>
public static class KeyCryptography
{
    public static EncryptResult Encrypt(KeyMaterial key, string algorithm, ReadOnlySpan<byte> plaintext, byte[]? iv, byte[]? aad) =>
        throw new NotImplementedException();

    public static byte[] Decrypt(KeyMaterial key, string algorithm, ReadOnlySpan<byte> ciphertext, byte[]? iv, byte[]? aad, byte[]? tag) =>
        throw new NotImplementedException();

    public static byte[] WrapKey(KeyMaterial key, string algorithm, ReadOnlySpan<byte> keyToWrap) =>
        throw new NotImplementedException();

    public static byte[] UnwrapKey(KeyMaterial key, string algorithm, ReadOnlySpan<byte> wrappedKey) =>
        throw new NotImplementedException();

    public static byte[] Sign(KeyMaterial key, string algorithm, ReadOnlySpan<byte> digest) =>
        throw new NotImplementedException();

    public static bool Verify(KeyMaterial key, string algorithm, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature) =>
        throw new NotImplementedException();

    /// <summary>The algorithms a key type (<c>RSA</c>, <c>EC</c>, <c>oct</c>, with or without <c>-HSM</c>) allows for an operation.</summary>
    public static IReadOnlyList<string> AlgorithmsFor(string keyType, string operation) =>
        throw new NotImplementedException();
}
