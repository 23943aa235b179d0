using System.Security.Cryptography;
using Coffer.Core.Keys.Cryptography;

namespace Coffer.Core.Tests.Keys.Cryptography;

public sealed class KeyCryptographyRoundTripTests
{
    public static TheoryData<string, string, int> EncryptionCases => new()
    {
        { "RSA", "RSA1_5", 245 },
        { "RSA", "RSA-OAEP", 214 },
        { "RSA", "RSA-OAEP-256", 190 },
        { "oct:128", "A128GCM", 100 },
        { "oct:192", "A192GCM", 0 },
        { "oct:256", "A256GCM", 4096 },
        { "oct:128", "A128CBC", 32 },
        { "oct:192", "A192CBC", 16 },
        { "oct:256", "A256CBC", 64 },
        { "oct:128", "A128CBCPAD", 0 },
        { "oct:192", "A192CBCPAD", 17 },
        { "oct:256", "A256CBCPAD", 1000 },
    };

    public static TheoryData<string, string> SigningCases => new()
    {
        { "RSA", "RS256" },
        { "RSA", "RS384" },
        { "RSA", "RS512" },
        { "RSA", "PS256" },
        { "RSA", "PS384" },
        { "RSA", "PS512" },
        { "EC:P-256", "ES256" },
        { "EC:P-256K", "ES256K" },
        { "EC:P-384", "ES384" },
        { "EC:P-521", "ES512" },
    };

    [Theory]
    [MemberData(nameof(EncryptionCases))]
    public void EncryptDecrypt_EveryAlgorithm_RoundTrips(string keyName, string algorithm, int length)
    {
        // Arrange
        var key = TestKeys.Named(keyName);
        var plaintext = RandomNumberGenerator.GetBytes(length);
        var iv = algorithm.Contains("CBC", StringComparison.Ordinal) ? RandomNumberGenerator.GetBytes(16) : null;
        byte[]? aad = algorithm.EndsWith("GCM", StringComparison.Ordinal) ? [1, 2, 3] : null;

        // Act
        var encrypted = KeyCryptography.Encrypt(key, algorithm, plaintext, iv, aad);
        var decrypted = KeyCryptography.Decrypt(key, algorithm, encrypted.Value, encrypted.Iv, encrypted.Aad, encrypted.Tag);

        // Assert
        Assert.Equal(plaintext, decrypted);
    }

    [Theory]
    [InlineData("A128GCM", 128)]
    [InlineData("A256GCM", 256)]
    public void Encrypt_Gcm_ReturnsServerNonceAndTagAndEchoesAad(string algorithm, int bits)
    {
        // Arrange
        var key = TestKeys.Oct(bits);
        byte[] aad = [9, 8, 7];

        // Act
        var first = KeyCryptography.Encrypt(key, algorithm, "same"u8, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], aad);
        var second = KeyCryptography.Encrypt(key, algorithm, "same"u8, null, aad);

        // Assert
        Assert.Equal(12, first.Iv!.Length);
        Assert.Equal(16, first.Tag!.Length);
        Assert.Equal(aad, first.Aad);
        Assert.NotEqual(new byte[12], first.Iv);
        Assert.NotEqual(first.Iv, second.Iv);
        Assert.NotEqual(first.Value, second.Value);
    }

    [Fact]
    public void Encrypt_Cbc_EchoesTheClientIvWithoutTag()
    {
        // Arrange
        var iv = RandomNumberGenerator.GetBytes(16);

        // Act
        var result = KeyCryptography.Encrypt(TestKeys.Oct(128), "A128CBCPAD", "x"u8, iv, null);

        // Assert
        Assert.Equal(iv, result.Iv);
        Assert.Null(result.Tag);
        Assert.Equal(16, result.Value.Length);
    }

    [Theory]
    [InlineData("A128CBC", 128)]
    [InlineData("A256CBCPAD", 256)]
    public void Encrypt_CbcWithoutIv_ReturnsAServerIvThatDecrypts(string algorithm, int bits)
    {
        // Arrange
        var key = TestKeys.Oct(bits);
        var plaintext = RandomNumberGenerator.GetBytes(32);

        // Act
        var first = KeyCryptography.Encrypt(key, algorithm, plaintext, null, null);
        var second = KeyCryptography.Encrypt(key, algorithm, plaintext, null, null);

        // Assert
        Assert.Equal(16, first.Iv!.Length);
        Assert.NotEqual(first.Iv, second.Iv);
        Assert.Equal(plaintext, KeyCryptography.Decrypt(key, algorithm, first.Value, first.Iv, null, null));
    }

    [Fact]
    public void Encrypt_Rsa_ReturnsOnlyTheCiphertextOfModulusSize()
    {
        // Act
        var result = KeyCryptography.Encrypt(TestKeys.Rsa2048, "RSA-OAEP", "secret"u8, null, null);

        // Assert
        Assert.Equal(256, result.Value.Length);
        Assert.Null(result.Iv);
        Assert.Null(result.Tag);
        Assert.Null(result.Aad);
    }

    [Theory]
    [InlineData("RSA", "RSA1_5", 32)]
    [InlineData("RSA", "RSA-OAEP", 32)]
    [InlineData("RSA", "RSA-OAEP-256", 64)]
    [InlineData("oct:128", "A128KW", 16)]
    [InlineData("oct:192", "A192KW", 24)]
    [InlineData("oct:256", "A256KW", 32)]
    [InlineData("oct:256", "A256KW", 64)]
    public void WrapUnwrap_EveryAlgorithm_RoundTrips(string keyName, string algorithm, int length)
    {
        // Arrange
        var key = TestKeys.Named(keyName);
        var keyToWrap = RandomNumberGenerator.GetBytes(length);

        // Act
        var wrapped = KeyCryptography.WrapKey(key, algorithm, keyToWrap);
        var unwrapped = KeyCryptography.UnwrapKey(key, algorithm, wrapped);

        // Assert
        Assert.Equal(keyToWrap, unwrapped);
        Assert.NotEqual(keyToWrap, wrapped[..length]);
    }

    [Theory]
    [MemberData(nameof(SigningCases))]
    public void SignVerify_EveryAlgorithm_RoundTripsAndRejectsAnotherDigest(string keyName, string algorithm)
    {
        // Arrange
        var key = TestKeys.Named(keyName);
        var digest = RandomNumberGenerator.GetBytes(DigestSize(algorithm));
        var otherDigest = (byte[])digest.Clone();
        otherDigest[0] ^= 1;

        // Act
        var signature = KeyCryptography.Sign(key, algorithm, digest);

        // Assert
        Assert.True(KeyCryptography.Verify(key, algorithm, digest, signature));
        Assert.False(KeyCryptography.Verify(key, algorithm, otherDigest, signature));
    }

    [Theory]
    [InlineData("EC:P-256", "ES256", 64)]
    [InlineData("EC:P-256K", "ES256K", 64)]
    [InlineData("EC:P-384", "ES384", 96)]
    [InlineData("EC:P-521", "ES512", 132)]
    [InlineData("RSA", "PS256", 256)]
    public void Sign_Signature_HasRawFixedLength(string keyName, string algorithm, int expectedLength)
    {
        // Act
        var signature = KeyCryptography.Sign(TestKeys.Named(keyName), algorithm, new byte[DigestSize(algorithm)]);

        // Assert: ECDSA is R‖S, not DER (which would start with 0x30 and vary in length).
        Assert.Equal(expectedLength, signature.Length);
    }

    [Theory]
    [InlineData("EC:P-256", "ES256", 63)]
    [InlineData("EC:P-256", "ES256", 72)]
    [InlineData("EC:P-521", "ES512", 0)]
    [InlineData("RSA", "RS256", 255)]
    [InlineData("RSA", "PS512", 257)]
    public void Verify_SignatureOfWrongLength_IsFalseNotAnError(string keyName, string algorithm, int length)
    {
        // Act
        var valid = KeyCryptography.Verify(TestKeys.Named(keyName), algorithm, new byte[DigestSize(algorithm)], new byte[length]);

        // Assert
        Assert.False(valid);
    }

    [Fact]
    public void Verify_SignatureFromAnotherKey_IsFalse()
    {
        // Arrange
        using var other = KeyGenerator.Generate("EC", null, "P-256", null);
        var digest = SHA256.HashData("message"u8);
        var signature = KeyCryptography.Sign(other, "ES256", digest);

        // Act
        var valid = KeyCryptography.Verify(TestKeys.Ec("P-256"), "ES256", digest, signature);

        // Assert
        Assert.False(valid);
    }

    [Theory]
    [InlineData("RSA", "encrypt", new[] { "RSA1_5", "RSA-OAEP", "RSA-OAEP-256" })]
    [InlineData("RSA-HSM", "unwrapKey", new[] { "RSA1_5", "RSA-OAEP", "RSA-OAEP-256" })]
    [InlineData("RSA", "sign", new[] { "PS256", "PS384", "PS512", "RS256", "RS384", "RS512" })]
    [InlineData("EC", "verify", new[] { "ES256", "ES256K", "ES384", "ES512" })]
    [InlineData("EC", "encrypt", new string[0])]
    [InlineData("oct", "decrypt", new[] { "A128GCM", "A192GCM", "A256GCM", "A128CBC", "A192CBC", "A256CBC", "A128CBCPAD", "A192CBCPAD", "A256CBCPAD" })]
    [InlineData("oct-HSM", "wrapKey", new[] { "A128KW", "A192KW", "A256KW" })]
    [InlineData("oct", "sign", new string[0])]
    [InlineData("RSA", "purge", new string[0])]
    public void AlgorithmsFor_KeyTypeAndOperation_ListsKeyVaultsAlgorithms(string keyType, string operation, string[] expected)
    {
        // Act
        var algorithms = KeyCryptography.AlgorithmsFor(keyType, operation);

        // Assert
        Assert.Equal(expected, algorithms);
    }

    [Fact]
    public void AlgorithmsFor_ReturnedList_CannotBeChanged()
    {
        // Arrange
        var algorithms = KeyCryptography.AlgorithmsFor("RSA", "sign");

        // Act
        var exception = Record.Exception(() => ((IList<string>)algorithms)[0] = "none");

        // Assert
        Assert.IsType<NotSupportedException>(exception);
        Assert.Equal("PS256", KeyCryptography.AlgorithmsFor("RSA", "sign")[0]);
    }

    internal static int DigestSize(string algorithm) => algorithm[^3..] switch
    {
        "384" => 48,
        "512" => 64,
        _ => 32,
    };
}
