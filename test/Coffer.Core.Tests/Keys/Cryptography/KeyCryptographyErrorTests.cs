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
