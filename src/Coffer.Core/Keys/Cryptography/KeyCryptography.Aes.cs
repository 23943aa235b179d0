using System.Security.Cryptography;
using Coffer.Core.Errors;

namespace Coffer.Core.Keys.Cryptography;

// AES on oct keys: GCM (the server picks the nonce), CBC with and without PKCS#7 padding (the client's iv, or the
// server's when the client sends none), and RFC 3394 key wrap.
public static partial class KeyCryptography
{
    private const int GcmNonceSize = 12;
    private const int GcmTagSize = 16;
    private const int AesBlockSize = 16;

    private static EncryptResult AesEncrypt(KeyMaterial key, string algorithm, ReadOnlySpan<byte> plaintext, byte[]? iv, byte[]? aad)
    {
        CheckAesKeySize(key, algorithm, "encryption");
        if (IsGcm(algorithm))
        {
            // A client-chosen GCM nonce could repeat and give the key away; Key Vault generates it, and so does Coffer.
            var nonce = RandomNumberGenerator.GetBytes(GcmNonceSize);
            var ciphertext = new byte[plaintext.Length];
            var tag = new byte[GcmTagSize];
            using var gcm = new AesGcm(key.SymmetricKey(), GcmTagSize);
            gcm.Encrypt(nonce, plaintext, ciphertext, tag, aad);
            return new EncryptResult(ciphertext, nonce, tag, aad);
        }

        // Python's client sends a CBC encrypt without an iv for the service to choose one, and reads it from the result.
        var blockIv = iv is null ? RandomNumberGenerator.GetBytes(AesBlockSize) : RequireIv(algorithm, iv);
        using var aes = Aes.Create();
        aes.Key = key.SymmetricKey().ToArray();
        if (IsPadded(algorithm))
        {
            return new EncryptResult(aes.EncryptCbc(plaintext, blockIv, PaddingMode.PKCS7), blockIv, null, null);
        }

        if (plaintext.Length % AesBlockSize != 0)
        {
            throw CofferErrors.InvalidInputLength("value", plaintext.Length, algorithm, "a multiple of 16 bytes");
        }

        return new EncryptResult(aes.EncryptCbc(plaintext, blockIv, PaddingMode.None), blockIv, null, null);
    }

    private static byte[] AesDecrypt(KeyMaterial key, string algorithm, ReadOnlySpan<byte> ciphertext, byte[]? iv, byte[]? aad, byte[]? tag)
    {
        CheckAesKeySize(key, algorithm, "encryption");
        if (IsGcm(algorithm))
        {
            var nonce = iv ?? throw CofferErrors.MissingKeyOperationParameter("iv", algorithm);
            if (nonce.Length != GcmNonceSize)
            {
                throw CofferErrors.InvalidInputLength("iv", nonce.Length, algorithm, $"{GcmNonceSize} bytes");
            }

            var gcmTag = tag ?? throw CofferErrors.MissingKeyOperationParameter("tag", algorithm);
            if (gcmTag.Length != GcmTagSize)
            {
                throw CofferErrors.InvalidInputLength("tag", gcmTag.Length, algorithm, $"{GcmTagSize} bytes");
            }

            var plaintext = new byte[ciphertext.Length];
            using var gcm = new AesGcm(key.SymmetricKey(), GcmTagSize);
            try
            {
                gcm.Decrypt(nonce, ciphertext, gcmTag, plaintext, aad);
                return plaintext;
            }
            catch (CryptographicException)
            {
                throw CofferErrors.DecryptionFailed(algorithm);
            }
        }

        var blockIv = RequireIv(algorithm, iv);
        if (ciphertext.Length % AesBlockSize != 0 || (IsPadded(algorithm) && ciphertext.IsEmpty))
        {
            throw CofferErrors.InvalidInputLength("value", ciphertext.Length, algorithm, "a non-empty multiple of 16 bytes");
        }

        using var aes = Aes.Create();
        aes.Key = key.SymmetricKey().ToArray();
        try
        {
            return aes.DecryptCbc(ciphertext, blockIv, IsPadded(algorithm) ? PaddingMode.PKCS7 : PaddingMode.None);
        }
        catch (CryptographicException)
        {
            throw CofferErrors.DecryptionFailed(algorithm);
        }
    }

    private static byte[] AesWrap(KeyMaterial key, string algorithm, ReadOnlySpan<byte> keyToWrap)
    {
        CheckAesKeySize(key, algorithm, "key wrap");
        if (keyToWrap.Length < 16 || keyToWrap.Length % 8 != 0)
        {
            throw CofferErrors.InvalidInputLength("value", keyToWrap.Length, algorithm, "a multiple of 8 bytes, at least 16");
        }

        return AesKeyWrapRfc3394.Wrap(key.SymmetricKey(), keyToWrap);
    }

    private static byte[] AesUnwrap(KeyMaterial key, string algorithm, ReadOnlySpan<byte> wrappedKey)
    {
        CheckAesKeySize(key, algorithm, "key wrap");
        if (wrappedKey.Length < 24 || wrappedKey.Length % 8 != 0)
        {
            throw CofferErrors.InvalidInputLength("value", wrappedKey.Length, algorithm, "a multiple of 8 bytes, at least 24");
        }

        return AesKeyWrapRfc3394.Unwrap(key.SymmetricKey(), wrappedKey) ?? throw CofferErrors.DecryptionFailed(algorithm);
    }

    private static byte[] RequireIv(string algorithm, byte[]? iv)
    {
        var blockIv = iv ?? throw CofferErrors.MissingKeyOperationParameter("iv", algorithm);
        return blockIv.Length == AesBlockSize
            ? blockIv
            : throw CofferErrors.InvalidInputLength("iv", blockIv.Length, algorithm, $"{AesBlockSize} bytes");
    }

    private static bool IsGcm(string algorithm) => algorithm.EndsWith("GCM", StringComparison.Ordinal);

    private static bool IsPadded(string algorithm) => algorithm.EndsWith("CBCPAD", StringComparison.Ordinal);
}
