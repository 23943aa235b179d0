using System.Security.Cryptography;
using Coffer.Core.Errors;

namespace Coffer.Core.Keys.Cryptography;

// RSA encryption and key wrap: one block of at most the padding's capacity, as Key Vault does.
public static partial class KeyCryptography
{
    private static byte[] RsaEncrypt(KeyMaterial key, string algorithm, ReadOnlySpan<byte> plaintext)
    {
        var (padding, overhead) = RsaPadding(algorithm);
        var modulusBytes = (key.KeySize + 7) / 8;
        var capacity = modulusBytes - overhead;
        if (plaintext.Length > capacity)
        {
            throw CofferErrors.InvalidInputLength("value", plaintext.Length, algorithm, $"at most {capacity} bytes with a {key.KeySize}-bit key");
        }

        using var rsa = RSA.Create();
        rsa.ImportParameters(PublicOnly(key.RsaParameters()));
        return rsa.Encrypt(plaintext.ToArray(), padding);
    }

    private static byte[] RsaDecrypt(KeyMaterial key, string algorithm, ReadOnlySpan<byte> ciphertext)
    {
        var (padding, _) = RsaPadding(algorithm);
        var modulusBytes = (key.KeySize + 7) / 8;
        if (ciphertext.Length != modulusBytes)
        {
            throw CofferErrors.InvalidInputLength("value", ciphertext.Length, algorithm, $"{modulusBytes} bytes with a {key.KeySize}-bit key");
        }

        try
        {
            return key.PrivateRsa().Decrypt(ciphertext.ToArray(), padding);
        }
        catch (CryptographicException)
        {
            throw CofferErrors.DecryptionFailed(algorithm);
        }
    }

    /// <summary>The padding and how many bytes of the modulus it takes: 11 for PKCS#1 v1.5, 2·hash + 2 for OAEP.</summary>
    private static (RSAEncryptionPadding Padding, int Overhead) RsaPadding(string algorithm) => algorithm switch
    {
        KeyAlgorithms.Rsa15 => (RSAEncryptionPadding.Pkcs1, 11),
        KeyAlgorithms.RsaOaep => (RSAEncryptionPadding.OaepSHA1, (2 * 20) + 2),
        _ => (RSAEncryptionPadding.OaepSHA256, (2 * 32) + 2),
    };

    private static RSAParameters PublicOnly(RSAParameters parameters) =>
        new() { Modulus = parameters.Modulus, Exponent = parameters.Exponent };
}
