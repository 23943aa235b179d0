using System.Security.Cryptography;
using Coffer.Core.Errors;
using Coffer.Core.Keys.Cryptography;

namespace Coffer.Core.Tests.Keys.Cryptography;

public sealed class KeyCryptographyAesErrorTests
{
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
}
