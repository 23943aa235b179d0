using Coffer.Core.Errors;

namespace Coffer.Core.Keys.Cryptography;

/// <summary>
/// The key operations (encrypt, decrypt, wrapKey, unwrapKey, sign, verify). Each checks the algorithm against the key
/// and the input sizes first and throws Key Vault's 400 <c>BadParameter</c> when they do not fit; a ciphertext that
/// does not decrypt is a 400 too, never a 500.
/// </summary>
public static partial class KeyCryptography
{
    // Read-only views: AlgorithmsFor hands these out, and a caller casting back to an array must not change them.
    private static readonly IReadOnlyList<string> RsaEncryption =
        Array.AsReadOnly([KeyAlgorithms.Rsa15, KeyAlgorithms.RsaOaep, KeyAlgorithms.RsaOaep256]);

    private static readonly IReadOnlyList<string> RsaSignatures =
        Array.AsReadOnly([KeyAlgorithms.Ps256, KeyAlgorithms.Ps384, KeyAlgorithms.Ps512, KeyAlgorithms.Rs256, KeyAlgorithms.Rs384, KeyAlgorithms.Rs512]);

    private static readonly IReadOnlyList<string> EcSignatures =
        Array.AsReadOnly([KeyAlgorithms.Es256, KeyAlgorithms.Es256K, KeyAlgorithms.Es384, KeyAlgorithms.Es512]);

    private static readonly IReadOnlyList<string> AesEncryption = Array.AsReadOnly(
    [
        KeyAlgorithms.A128Gcm, KeyAlgorithms.A192Gcm, KeyAlgorithms.A256Gcm,
        KeyAlgorithms.A128Cbc, KeyAlgorithms.A192Cbc, KeyAlgorithms.A256Cbc,
        KeyAlgorithms.A128CbcPad, KeyAlgorithms.A192CbcPad, KeyAlgorithms.A256CbcPad,
    ]);

    private static readonly IReadOnlyList<string> AesKeyWrap = Array.AsReadOnly([KeyAlgorithms.A128Kw, KeyAlgorithms.A192Kw, KeyAlgorithms.A256Kw]);

    private static readonly IReadOnlyList<string> None = Array.AsReadOnly(Array.Empty<string>());

    public static EncryptResult Encrypt(KeyMaterial key, string algorithm, ReadOnlySpan<byte> plaintext, byte[]? iv, byte[]? aad)
    {
        Check(key, algorithm, KeyOperations.Encrypt);
        return key.KeyType == KeyTypes.Rsa
            ? new EncryptResult(RsaEncrypt(key, algorithm, plaintext), null, null, null)
            : AesEncrypt(key, algorithm, plaintext, iv, aad);
    }

    public static byte[] Decrypt(KeyMaterial key, string algorithm, ReadOnlySpan<byte> ciphertext, byte[]? iv, byte[]? aad, byte[]? tag)
    {
        Check(key, algorithm, KeyOperations.Decrypt);
        return key.KeyType == KeyTypes.Rsa
            ? RsaDecrypt(key, algorithm, ciphertext)
            : AesDecrypt(key, algorithm, ciphertext, iv, aad, tag);
    }

    public static byte[] WrapKey(KeyMaterial key, string algorithm, ReadOnlySpan<byte> keyToWrap)
    {
        Check(key, algorithm, KeyOperations.WrapKey);
        return key.KeyType == KeyTypes.Rsa ? RsaEncrypt(key, algorithm, keyToWrap) : AesWrap(key, algorithm, keyToWrap);
    }

    public static byte[] UnwrapKey(KeyMaterial key, string algorithm, ReadOnlySpan<byte> wrappedKey)
    {
        Check(key, algorithm, KeyOperations.UnwrapKey);
        return key.KeyType == KeyTypes.Rsa ? RsaDecrypt(key, algorithm, wrappedKey) : AesUnwrap(key, algorithm, wrappedKey);
    }

    /// <summary>Signs a precomputed digest; ECDSA signatures are raw R‖S (IEEE P1363), as JWS and Key Vault have them.</summary>
    public static byte[] Sign(KeyMaterial key, string algorithm, ReadOnlySpan<byte> digest)
    {
        Check(key, algorithm, KeyOperations.Sign);
        CheckDigest(key, algorithm, digest, "value");
        return key.KeyType == KeyTypes.Rsa ? RsaSign(key, algorithm, digest) : EcSign(key, digest);
    }

    /// <summary>Verifies a signature over a precomputed digest; a signature of the wrong length is simply not valid.</summary>
    public static bool Verify(KeyMaterial key, string algorithm, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        Check(key, algorithm, KeyOperations.Verify);
        CheckDigest(key, algorithm, digest, "digest");
        return key.KeyType == KeyTypes.Rsa ? RsaVerify(key, algorithm, digest, signature) : EcVerify(key, digest, signature);
    }

    /// <summary>
    /// The algorithms a key type (<c>RSA</c>, <c>EC</c>, <c>oct</c>, with or without <c>-HSM</c>) allows for an operation
    /// (<c>encrypt</c>, <c>decrypt</c>, <c>wrapKey</c>, <c>unwrapKey</c>, <c>sign</c>, <c>verify</c>); empty when none.
    /// </summary>
    public static IReadOnlyList<string> AlgorithmsFor(string keyType, string operation) => (KeyTypes.BaseType(keyType), operation) switch
    {
        (KeyTypes.Rsa, KeyOperations.Encrypt or KeyOperations.Decrypt or KeyOperations.WrapKey or KeyOperations.UnwrapKey) => RsaEncryption,
        (KeyTypes.Rsa, KeyOperations.Sign or KeyOperations.Verify) => RsaSignatures,
        (KeyTypes.Ec, KeyOperations.Sign or KeyOperations.Verify) => EcSignatures,
        (KeyTypes.Oct, KeyOperations.Encrypt or KeyOperations.Decrypt) => AesEncryption,
        (KeyTypes.Oct, KeyOperations.WrapKey or KeyOperations.UnwrapKey) => AesKeyWrap,
        _ => None,
    };

    private static void Check(KeyMaterial key, string algorithm, string operation)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (AlgorithmsFor(key.KeyType, operation).Contains(algorithm, StringComparer.Ordinal))
        {
            return;
        }

        string[] types = [KeyTypes.Rsa, KeyTypes.Ec, KeyTypes.Oct];
        if (!types.Any(type => AlgorithmsFor(type, operation).Contains(algorithm, StringComparer.Ordinal)))
        {
            throw CofferErrors.InvalidAlgorithm();
        }

        var kind = operation switch
        {
            KeyOperations.Sign or KeyOperations.Verify => "signing",
            KeyOperations.WrapKey or KeyOperations.UnwrapKey => "key wrap",
            _ => "encryption",
        };
        throw CofferErrors.AlgorithmIncompatibleWithKeyType(kind, key.KeyType, algorithm);
    }

    /// <summary>The oct key must be the size the AES algorithm names (A128… needs 128 bits).</summary>
    private static void CheckAesKeySize(KeyMaterial key, string algorithm, string kind)
    {
        var required = int.Parse(algorithm.AsSpan(1, 3), System.Globalization.CultureInfo.InvariantCulture);
        if (key.KeySize != required)
        {
            throw CofferErrors.AlgorithmIncompatibleWithKeySize(kind, key.KeySize, algorithm, required);
        }
    }
}
