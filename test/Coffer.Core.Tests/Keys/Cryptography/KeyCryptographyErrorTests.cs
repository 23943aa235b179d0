using System.Security.Cryptography;
using Coffer.Core.Errors;
using Coffer.Core.Keys.Cryptography;

namespace Coffer.Core.Tests.Keys.Cryptography;

public sealed class KeyCryptographyErrorTests
{
    private static readonly string[] Operations = ["encrypt", "decrypt", "wrapKey", "unwrapKey", "sign", "verify"];
    private static readonly string[] KeyNames = ["RSA", "EC:P-256", "oct:256"];

    /// <summary>Every algorithm Key Vault knows for an operation, paired with each key type that cannot do it.</summary>
    public static TheoryData<string, string, string> WrongAlgorithmForKeyType()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var operation in Operations)
        {
            var known = new[] { "RSA", "EC", "oct" }.SelectMany(type => KeyCryptography.AlgorithmsFor(type, operation)).Distinct();
            foreach (var keyName in KeyNames)
            {
                var allowed = KeyCryptography.AlgorithmsFor(keyName.Split(':')[0], operation);
                foreach (var algorithm in known.Except(allowed))
                {
                    data.Add(keyName, operation, algorithm);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WrongAlgorithmForKeyType))]
    public void Operation_AlgorithmTheKeyTypeCannotDo_ThrowsIncompatible(string keyName, string operation, string algorithm)
    {
        // Arrange
        var key = TestKeys.Named(keyName);

        // Act
        var exception = Assert.Throws<CofferException>(() => Run(key, operation, algorithm));

        // Assert
        TestKeys.AssertBadParameter(exception, "are incompatible", $"'{key.KeyType}'", $"'{algorithm}'");
    }

    [Theory]
    [InlineData("RSA", "encrypt", "RS256")]
    [InlineData("RSA", "sign", "RSA-OAEP")]
    [InlineData("oct:256", "wrapKey", "A256GCM")]
    [InlineData("oct:256", "encrypt", "A256KW")]
    [InlineData("EC:P-256", "sign", "HS256")]
    [InlineData("RSA", "decrypt", "rsa-oaep")]
    [InlineData("RSA", "verify", "")]
    public void Operation_AlgorithmKeyVaultDoesNotKnowForIt_ThrowsInvalidAlgorithm(string keyName, string operation, string algorithm)
    {
        // Act
        var exception = Assert.Throws<CofferException>(() => Run(TestKeys.Named(keyName), operation, algorithm));

        // Assert
        TestKeys.AssertBadParameter(exception);
        Assert.Equal("Property alg has invalid value\r\n", exception.Message);
    }

    [Theory]
    [InlineData("P-256", "ES256K")]
    [InlineData("P-256", "ES384")]
    [InlineData("P-256K", "ES256")]
    [InlineData("P-384", "ES512")]
    [InlineData("P-521", "ES256")]
    public void SignOrVerify_EcAlgorithmForAnotherCurve_ThrowsKeyVaultsCurveMessage(string curve, string algorithm)
    {
        // Arrange
        var key = TestKeys.Ec(curve);
        var digest = new byte[KeyCryptographyRoundTripTests.DigestSize(algorithm)];

        // Act
        var sign = Assert.Throws<CofferException>(() => KeyCryptography.Sign(key, algorithm, digest));
        var verify = Assert.Throws<CofferException>(() => KeyCryptography.Verify(key, algorithm, digest, new byte[64]));

        // Assert
        TestKeys.AssertBadParameter(sign, "Key and signing algorithm are incompatible.", $"uses curve '{curve}'", $"algorithm '{algorithm}'");
        Assert.Equal(sign.Message, verify.Message);
    }

    [Theory]
    [InlineData(128, "A256GCM", "encrypt")]
    [InlineData(256, "A128CBC", "decrypt")]
    [InlineData(192, "A128CBCPAD", "encrypt")]
    [InlineData(128, "A192KW", "wrapKey")]
    [InlineData(256, "A128KW", "unwrapKey")]
    public void Operation_AesAlgorithmForAnotherKeySize_ThrowsIncompatible(int bits, string algorithm, string operation)
    {
        // Act
        var exception = Assert.Throws<CofferException>(() => Run(TestKeys.Oct(bits), operation, algorithm));

        // Assert
        TestKeys.AssertBadParameter(exception, "are incompatible", $"Key size is {bits} bits", $"'{algorithm}'");
    }

    [Theory]
    [InlineData("RSA1_5", 245)]
    [InlineData("RSA-OAEP", 214)]
    [InlineData("RSA-OAEP-256", 190)]
    public void EncryptAndWrap_RsaPlaintextOneByteOverCapacity_ThrowsInvalidLength(string algorithm, int capacity)
    {
        // Arrange
        var key = TestKeys.Rsa2048;

        // Act
        var atCapacity = KeyCryptography.Encrypt(key, algorithm, new byte[capacity], null, null);
        var encrypt = Assert.Throws<CofferException>(() => KeyCryptography.Encrypt(key, algorithm, new byte[capacity + 1], null, null));
        var wrap = Assert.Throws<CofferException>(() => KeyCryptography.WrapKey(key, algorithm, new byte[capacity + 1]));

        // Assert
        Assert.Equal(256, atCapacity.Value.Length);
        TestKeys.AssertBadParameter(encrypt, $"Invalid length of 'value': {capacity + 1} bytes. {algorithm} requires at most {capacity} bytes");
        Assert.Equal(encrypt.Message, wrap.Message);
    }

    [Theory]
    [InlineData(255)]
    [InlineData(257)]
    [InlineData(0)]
    public void DecryptAndUnwrap_RsaCiphertextNotModulusSized_ThrowsInvalidLength(int length)
    {
        // Act
        var decrypt = Assert.Throws<CofferException>(() => KeyCryptography.Decrypt(TestKeys.Rsa2048, "RSA-OAEP", new byte[length], null, null, null));
        var unwrap = Assert.Throws<CofferException>(() => KeyCryptography.UnwrapKey(TestKeys.Rsa2048, "RSA-OAEP", new byte[length]));

        // Assert
        TestKeys.AssertBadParameter(decrypt, $"Invalid length of 'value': {length} bytes. RSA-OAEP requires 256 bytes");
        Assert.Equal(decrypt.Message, unwrap.Message);
    }

    [Theory]
    [InlineData("RSA-OAEP")]
    [InlineData("RSA-OAEP-256")]
    public void Decrypt_RsaCiphertextFromAnotherKey_ThrowsDecryptionFailed(string algorithm)
    {
        // Arrange
        using var other = KeyGenerator.Generate("RSA", 2048, null, null);
        var ciphertext = KeyCryptography.Encrypt(other, algorithm, "x"u8, null, null).Value;

        // Act
        var exception = Assert.Throws<CofferException>(() => KeyCryptography.Decrypt(TestKeys.Rsa2048, algorithm, ciphertext, null, null, null));

        // Assert
        TestKeys.AssertBadParameter(exception, "could not be decrypted", algorithm);
    }

    [Theory]
    [InlineData("RS256", 31)]
    [InlineData("RS256", 33)]
    [InlineData("PS384", 32)]
    [InlineData("RS512", 48)]
    [InlineData("ES256", 0)]
    [InlineData("ES256K", 64)]
    [InlineData("ES384", 32)]
    [InlineData("ES512", 66)]
    public void SignAndVerify_DigestOfWrongLength_ThrowsKeyVaultsDigestMessage(string algorithm, int length)
    {
        // Arrange
        var key = algorithm switch
        {
            "ES256" => TestKeys.Ec("P-256"),
            "ES256K" => TestKeys.Ec("P-256K"),
            "ES384" => TestKeys.Ec("P-384"),
            "ES512" => TestKeys.Ec("P-521"),
            _ => TestKeys.Rsa2048,
        };
        var expected = KeyCryptographyRoundTripTests.DigestSize(algorithm);

        // Act
        var sign = Assert.Throws<CofferException>(() => KeyCryptography.Sign(key, algorithm, new byte[length]));
        var verify = Assert.Throws<CofferException>(() => KeyCryptography.Verify(key, algorithm, new byte[length], new byte[64]));

        // Assert
        TestKeys.AssertBadParameter(sign);
        Assert.Equal($"Invalid length of 'value': {length} bytes. {algorithm} requires {expected} bytes, encoded with base64url.", sign.Message);
        Assert.Equal($"Invalid length of 'digest': {length} bytes. {algorithm} requires {expected} bytes, encoded with base64url.", verify.Message);
    }

    [Theory]
    [InlineData("RSA-OAEP")]
    [InlineData("RSA1_5")]
    public void Decrypt_RsaCiphertextLargerThanTheModulus_ThrowsDecryptionFailed(string algorithm)
    {
        // Arrange
        var ciphertext = Enumerable.Repeat((byte)0xFF, 256).ToArray();

        // Act
        var exception = Assert.Throws<CofferException>(() => KeyCryptography.Decrypt(TestKeys.Rsa2048, algorithm, ciphertext, null, null, null));

        // Assert
        TestKeys.AssertBadParameter(exception, "could not be decrypted", algorithm);
    }

    [Theory]
    [InlineData("RSA", "RS256", 0xFF, 256)]
    [InlineData("RSA", "PS256", 0x00, 256)]
    [InlineData("EC:P-256", "ES256", 0x00, 64)]
    [InlineData("EC:P-256", "ES256", 0xFF, 64)]
    [InlineData("EC:P-521", "ES512", 0xFF, 132)]
    public void Verify_RightLengthSignatureOutOfRange_IsFalseNotAnError(string keyName, string algorithm, byte fill, int length)
    {
        // Arrange: all-zero R and S, or values above the group order or modulus.
        var signature = Enumerable.Repeat(fill, length).ToArray();

        // Act
        var valid = KeyCryptography.Verify(TestKeys.Named(keyName), algorithm, new byte[KeyCryptographyRoundTripTests.DigestSize(algorithm)], signature);

        // Assert
        Assert.False(valid);
    }

    [Fact]
    public void Decrypt_GcmWithWrongTag_ThrowsDecryptionFailed()
    {
        // Arrange
        var key = TestKeys.Oct(256);
        var encrypted = KeyCryptography.Encrypt(key, "A256GCM", "payload"u8, null, null);
        var tag = (byte[])encrypted.Tag!.Clone();
        tag[0] ^= 1;

        // Act
        var exception = Assert.Throws<CofferException>(() => KeyCryptography.Decrypt(key, "A256GCM", encrypted.Value, encrypted.Iv, null, tag));

        // Assert
        TestKeys.AssertBadParameter(exception, "could not be decrypted", "A256GCM");
    }

    [Fact]
    public void Decrypt_GcmWithOtherAad_ThrowsDecryptionFailed()
    {
        // Arrange
        var key = TestKeys.Oct(128);
        var encrypted = KeyCryptography.Encrypt(key, "A128GCM", "payload"u8, null, [1]);

        // Act
        var exception = Assert.Throws<CofferException>(() => KeyCryptography.Decrypt(key, "A128GCM", encrypted.Value, encrypted.Iv, [2], encrypted.Tag));

        // Assert
        TestKeys.AssertBadParameter(exception, "could not be decrypted");
    }

    [Theory]
    [InlineData(null, 16, "Property iv is required for algorithm A256GCM.")]
    [InlineData(12, null, "Property tag is required for algorithm A256GCM.")]
    [InlineData(16, 16, "Invalid length of 'iv': 16 bytes. A256GCM requires 12 bytes, encoded with base64url.")]
    [InlineData(12, 12, "Invalid length of 'tag': 12 bytes. A256GCM requires 16 bytes, encoded with base64url.")]
    public void Decrypt_GcmWithMissingOrWrongSizedIvOrTag_ThrowsNamingIt(int? ivLength, int? tagLength, string message)
    {
        // Arrange
        var iv = ivLength is { } i ? new byte[i] : null;
        var tag = tagLength is { } t ? new byte[t] : null;

        // Act
        var exception = Assert.Throws<CofferException>(() => KeyCryptography.Decrypt(TestKeys.Oct(256), "A256GCM", new byte[10], iv, null, tag));

        // Assert
        TestKeys.AssertBadParameter(exception);
        Assert.Equal(message, exception.Message);
    }

    [Theory]
    [InlineData("encrypt", null, "Property iv is required for algorithm A128CBC.")]
    [InlineData("decrypt", null, "Property iv is required for algorithm A128CBC.")]
    [InlineData("encrypt", 12, "Invalid length of 'iv': 12 bytes. A128CBC requires 16 bytes, encoded with base64url.")]
    [InlineData("decrypt", 17, "Invalid length of 'iv': 17 bytes. A128CBC requires 16 bytes, encoded with base64url.")]
    public void Cbc_MissingOrWrongSizedIv_ThrowsNamingIt(string operation, int? ivLength, string message)
    {
        // Arrange
        var key = TestKeys.Oct(128);
        var iv = ivLength is { } i ? new byte[i] : null;

        // Act
        var exception = Assert.Throws<CofferException>(() =>
            _ = operation == "encrypt"
                ? KeyCryptography.Encrypt(key, "A128CBC", new byte[16], iv, null).Value
                : KeyCryptography.Decrypt(key, "A128CBC", new byte[16], iv, null, null));

        // Assert
        TestKeys.AssertBadParameter(exception);
        Assert.Equal(message, exception.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(17)]
    public void Encrypt_CbcWithoutPaddingNotWholeBlocks_ThrowsInvalidLength(int length)
    {
        // Act
        var exception = Assert.Throws<CofferException>(() => KeyCryptography.Encrypt(TestKeys.Oct(192), "A192CBC", new byte[length], new byte[16], null));

        // Assert
        TestKeys.AssertBadParameter(exception, $"Invalid length of 'value': {length} bytes. A192CBC requires a multiple of 16 bytes");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    public void Decrypt_CbcPadNotWholeBlocksOrEmpty_ThrowsInvalidLength(int length)
    {
        // Act
        var exception = Assert.Throws<CofferException>(() => KeyCryptography.Decrypt(TestKeys.Oct(256), "A256CBCPAD", new byte[length], new byte[16], null, null));

        // Assert
        TestKeys.AssertBadParameter(exception, $"Invalid length of 'value': {length} bytes.");
    }

    [Fact]
    public void Decrypt_CbcPadWithInvalidPadding_ThrowsDecryptionFailed()
    {
        // Arrange: a block whose plaintext ends in 0x00 can never carry valid PKCS#7 padding.
        var key = TestKeys.Oct(256);
        var iv = RandomNumberGenerator.GetBytes(16);
        var ciphertext = KeyCryptography.Encrypt(key, "A256CBC", new byte[16], iv, null).Value;

        // Act
        var exception = Assert.Throws<CofferException>(() => KeyCryptography.Decrypt(key, "A256CBCPAD", ciphertext, iv, null, null));

        // Assert
        TestKeys.AssertBadParameter(exception, "could not be decrypted", "A256CBCPAD");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(17)]
    [InlineData(30)]
    public void WrapKey_AesKwKeyNotWholeSemiblocksOrTooShort_ThrowsInvalidLength(int length)
    {
        // Act
        var exception = Assert.Throws<CofferException>(() => KeyCryptography.WrapKey(TestKeys.Oct(128), "A128KW", new byte[length]));

        // Assert
        TestKeys.AssertBadParameter(exception, $"Invalid length of 'value': {length} bytes. A128KW requires a multiple of 8 bytes, at least 16");
    }

    [Theory]
    [InlineData(16)]
    [InlineData(25)]
    public void UnwrapKey_AesKwInputNotWholeSemiblocksOrTooShort_ThrowsInvalidLength(int length)
    {
        // Act
        var exception = Assert.Throws<CofferException>(() => KeyCryptography.UnwrapKey(TestKeys.Oct(128), "A128KW", new byte[length]));

        // Assert
        TestKeys.AssertBadParameter(exception, $"Invalid length of 'value': {length} bytes. A128KW requires a multiple of 8 bytes, at least 24");
    }

    [Fact]
    public void UnwrapKey_AesKwWrappedByAnotherKey_ThrowsDecryptionFailed()
    {
        // Arrange
        using var other = KeyGenerator.Generate("oct", 256, null, null);
        var wrapped = KeyCryptography.WrapKey(other, "A256KW", new byte[32]);

        // Act
        var exception = Assert.Throws<CofferException>(() => KeyCryptography.UnwrapKey(TestKeys.Oct(256), "A256KW", wrapped));

        // Assert
        TestKeys.AssertBadParameter(exception, "could not be decrypted", "A256KW");
    }

    private static object Run(KeyMaterial key, string operation, string algorithm)
    {
        var input = new byte[32];
        return operation switch
        {
            "encrypt" => KeyCryptography.Encrypt(key, algorithm, input, new byte[16], null),
            "decrypt" => KeyCryptography.Decrypt(key, algorithm, input, new byte[12], null, new byte[16]),
            "wrapKey" => KeyCryptography.WrapKey(key, algorithm, input),
            "unwrapKey" => KeyCryptography.UnwrapKey(key, algorithm, input),
            "sign" => KeyCryptography.Sign(key, algorithm, input),
            _ => KeyCryptography.Verify(key, algorithm, input, input),
        };
    }
}
