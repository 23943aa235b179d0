using System.Security.Cryptography;
using Coffer.Core.Keys.Cryptography;

namespace Coffer.Core.Tests.Keys.Cryptography;

/// <summary>Coffer against System.Security.Cryptography, both ways: the formats are the standard ones, not Coffer's own.</summary>
public sealed class KeyCryptographyInteropTests
{
    private static readonly Lazy<(RSA Rsa, KeyMaterial Key)> ImportedRsa = new(() =>
    {
        var rsa = RSA.Create(3072);
        return (rsa, JwkImport.FromJwk(TestKeys.ToJwk(rsa.ExportParameters(true))));
    });

    public static TheoryData<string> RsaEncryptionAlgorithms => ["RSA1_5", "RSA-OAEP", "RSA-OAEP-256"];

    public static TheoryData<string> RsaSignatureAlgorithms => ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"];

    public static TheoryData<string, string> EcCases => new()
    {
        { "P-256", "ES256" },
        { "P-256K", "ES256K" },
        { "P-384", "ES384" },
        { "P-521", "ES512" },
    };

    [Theory]
    [MemberData(nameof(RsaEncryptionAlgorithms))]
    public void Decrypt_WhatDotNetEncryptedWithTheImportedKeysPublicHalf_GivesThePlaintext(string algorithm)
    {
        // Arrange
        var (rsa, key) = ImportedRsa.Value;
        var plaintext = RandomNumberGenerator.GetBytes(64);
        var ciphertext = rsa.Encrypt(plaintext, Padding(algorithm));

        // Act
        var decrypted = KeyCryptography.Decrypt(key, algorithm, ciphertext, null, null, null);

        // Assert
        Assert.Equal(plaintext, decrypted);
    }

    [Theory]
    [MemberData(nameof(RsaEncryptionAlgorithms))]
    public void UnwrapKey_WhatDotNetWrappedWithPublicParts_GivesTheKey(string algorithm)
    {
        // Arrange: only the public parts leave Coffer, as a client would get them from GET /keys.
        var key = TestKeys.Rsa2048;
        var parts = key.PublicParts();
        using var publicKey = RSA.Create(new RSAParameters { Modulus = parts.N, Exponent = parts.E });
        var contentKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = publicKey.Encrypt(contentKey, Padding(algorithm));

        // Act
        var unwrapped = KeyCryptography.UnwrapKey(key, algorithm, wrapped);

        // Assert
        Assert.Equal(contentKey, unwrapped);
    }

    [Theory]
    [MemberData(nameof(RsaEncryptionAlgorithms))]
    public void WrapKey_DotNetDecryptsWithTheOriginalPrivateKey(string algorithm)
    {
        // Arrange
        var (rsa, key) = ImportedRsa.Value;
        var contentKey = RandomNumberGenerator.GetBytes(32);

        // Act
        var wrapped = KeyCryptography.WrapKey(key, algorithm, contentKey);

        // Assert
        Assert.Equal(contentKey, rsa.Decrypt(wrapped, Padding(algorithm)));
    }

    [Theory]
    [MemberData(nameof(RsaSignatureAlgorithms))]
    public void Sign_Rsa_DotNetVerifiesWithPublicParts(string algorithm)
    {
        // Arrange
        var key = TestKeys.Rsa2048;
        var parts = key.PublicParts();
        using var publicKey = RSA.Create(new RSAParameters { Modulus = parts.N, Exponent = parts.E });
        var (hash, size) = Hash(algorithm);
        var digest = RandomNumberGenerator.GetBytes(size);

        // Act
        var signature = KeyCryptography.Sign(key, algorithm, digest);

        // Assert
        Assert.True(publicKey.VerifyHash(digest, signature, hash, SignaturePadding(algorithm)));
    }

    [Theory]
    [MemberData(nameof(RsaSignatureAlgorithms))]
    public void Verify_Rsa_AcceptsWhatDotNetSignedWithTheImportedKey(string algorithm)
    {
        // Arrange
        var (rsa, key) = ImportedRsa.Value;
        var (hash, size) = Hash(algorithm);
        var digest = RandomNumberGenerator.GetBytes(size);
        var signature = rsa.SignHash(digest, hash, SignaturePadding(algorithm));

        // Act
        var valid = KeyCryptography.Verify(key, algorithm, digest, signature);

        // Assert
        Assert.True(valid);
    }

    [Fact]
    public void Sign_Rs256_IsDeterministicAndEqualToDotNets()
    {
        // Arrange: PKCS#1 v1.5 has no randomness, so the bytes themselves must match.
        var (rsa, key) = ImportedRsa.Value;
        var digest = SHA256.HashData("coffer"u8);

        // Act
        var signature = KeyCryptography.Sign(key, "RS256", digest);

        // Assert
        Assert.Equal(rsa.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), signature);
    }

    [Theory]
    [MemberData(nameof(EcCases))]
    public void Sign_Ec_DotNetVerifiesRawSignatureWithPublicParts(string curve, string algorithm)
    {
        // Arrange
        var key = TestKeys.Ec(curve);
        var parts = key.PublicParts();
        using var publicKey = ECDsa.Create(new ECParameters { Curve = TestKeys.NetCurve(curve), Q = new ECPoint { X = parts.X, Y = parts.Y } });
        var digest = RandomNumberGenerator.GetBytes(Hash(algorithm).Size);

        // Act
        var signature = KeyCryptography.Sign(key, algorithm, digest);

        // Assert
        Assert.True(publicKey.VerifyHash(digest, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Theory]
    [MemberData(nameof(EcCases))]
    public void Verify_Ec_AcceptsWhatDotNetSignedWithAnImportedKey(string curve, string algorithm)
    {
        // Arrange
        using var ecdsa = ECDsa.Create(TestKeys.NetCurve(curve));
        using var key = JwkImport.FromJwk(TestKeys.ToJwk(curve, ecdsa.ExportParameters(true)));
        var digest = RandomNumberGenerator.GetBytes(Hash(algorithm).Size);
        var signature = ecdsa.SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        // Act
        var valid = KeyCryptography.Verify(key, algorithm, digest, signature);

        // Assert
        Assert.True(valid);
    }

    [Theory]
    [InlineData(128, "A128GCM")]
    [InlineData(192, "A192GCM")]
    [InlineData(256, "A256GCM")]
    public void Gcm_BothWaysWithDotNetAesGcm(int bits, string algorithm)
    {
        // Arrange
        var keyBytes = RandomNumberGenerator.GetBytes(bits / 8);
        using var key = JwkImport.FromJwk(new JsonWebKeyParts("oct", K: keyBytes));
        using var gcm = new AesGcm(keyBytes, 16);
        var plaintext = RandomNumberGenerator.GetBytes(50);
        byte[] aad = [1, 2, 3, 4];
        var nonce = RandomNumberGenerator.GetBytes(12);
        var netCiphertext = new byte[50];
        var netTag = new byte[16];
        gcm.Encrypt(nonce, plaintext, netCiphertext, netTag, aad);

        // Act
        var cofferDecrypted = KeyCryptography.Decrypt(key, algorithm, netCiphertext, nonce, aad, netTag);
        var cofferEncrypted = KeyCryptography.Encrypt(key, algorithm, plaintext, null, aad);
        var netDecrypted = new byte[50];
        gcm.Decrypt(cofferEncrypted.Iv!, cofferEncrypted.Value, cofferEncrypted.Tag!, netDecrypted, aad);

        // Assert
        Assert.Equal(plaintext, cofferDecrypted);
        Assert.Equal(plaintext, netDecrypted);
    }

    [Theory]
    [InlineData(128, "A128CBC", PaddingMode.None, 48)]
    [InlineData(192, "A192CBCPAD", PaddingMode.PKCS7, 45)]
    [InlineData(256, "A256CBCPAD", PaddingMode.PKCS7, 48)]
    public void Cbc_BothWaysWithDotNetAes(int bits, string algorithm, PaddingMode padding, int length)
    {
        // Arrange
        var keyBytes = RandomNumberGenerator.GetBytes(bits / 8);
        using var key = JwkImport.FromJwk(new JsonWebKeyParts("oct", K: keyBytes));
        using var aes = Aes.Create();
        aes.Key = keyBytes;
        var iv = RandomNumberGenerator.GetBytes(16);
        var plaintext = RandomNumberGenerator.GetBytes(length);

        // Act
        var cofferCiphertext = KeyCryptography.Encrypt(key, algorithm, plaintext, iv, null).Value;
        var cofferDecrypted = KeyCryptography.Decrypt(key, algorithm, aes.EncryptCbc(plaintext, iv, padding), iv, null, null);

        // Assert
        Assert.Equal(aes.EncryptCbc(plaintext, iv, padding), cofferCiphertext);
        Assert.Equal(plaintext, cofferDecrypted);
    }

    [Fact]
    public void JwkImport_RsaWithOnlyNEAndD_SignsAsTheOriginalKey()
    {
        // Arrange: the primes are recovered from n, e and d.
        var (rsa, _) = ImportedRsa.Value;
        var full = rsa.ExportParameters(true);
        var digest = SHA384.HashData("only n, e, d"u8);

        // Act
        using var key = JwkImport.FromJwk(new JsonWebKeyParts("RSA", N: full.Modulus, E: full.Exponent, D: full.D));
        var signature = KeyCryptography.Sign(key, "RS384", digest);

        // Assert
        Assert.Equal(rsa.SignHash(digest, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1), signature);
    }

    private static RSAEncryptionPadding Padding(string algorithm) => algorithm switch
    {
        "RSA1_5" => RSAEncryptionPadding.Pkcs1,
        "RSA-OAEP" => RSAEncryptionPadding.OaepSHA1,
        _ => RSAEncryptionPadding.OaepSHA256,
    };

    private static RSASignaturePadding SignaturePadding(string algorithm) =>
        algorithm.StartsWith("PS", StringComparison.Ordinal) ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;

    private static (HashAlgorithmName Hash, int Size) Hash(string algorithm) => KeyCryptographyRoundTripTests.DigestSize(algorithm) switch
    {
        48 => (HashAlgorithmName.SHA384, 48),
        64 => (HashAlgorithmName.SHA512, 64),
        _ => (HashAlgorithmName.SHA256, 32),
    };
}
