using Coffer.Core.Errors;
using Coffer.Core.Keys.Cryptography;

namespace Coffer.Core.Tests.Keys.Cryptography;

public sealed class KeyGeneratorTests
{
    [Theory]
    [InlineData("RSA", null, 2048)]
    [InlineData("RSA", 3072, 3072)]
    [InlineData("RSA-HSM", 4096, 4096)]
    [InlineData("oct", null, 256)]
    [InlineData("oct", 128, 128)]
    [InlineData("oct-HSM", 192, 192)]
    public void Generate_RsaOrOct_HasBaseTypeAndSize(string keyType, int? keySize, int expectedSize)
    {
        // Act
        using var key = KeyGenerator.Generate(keyType, keySize, null, null);

        // Assert
        Assert.Equal(keyType.Replace("-HSM", string.Empty, StringComparison.Ordinal), key.KeyType);
        Assert.Equal(expectedSize, key.KeySize);
        Assert.Null(key.Curve);
    }

    [Fact]
    public void Generate_Rsa_UsesExponent65537()
    {
        // Act
        var parts = TestKeys.Rsa2048.PublicParts();

        // Assert
        Assert.Equal([0x01, 0x00, 0x01], parts.E);
        Assert.Equal(256, parts.N!.Length);
        Assert.True((parts.N[0] & 0x80) != 0, "a 2048-bit modulus has its top bit set");
    }

    [Theory]
    [InlineData("EC", null, null, "P-256", 256)]
    [InlineData("EC", null, "P-256K", "P-256K", 256)]
    [InlineData("EC-HSM", null, "P-384", "P-384", 384)]
    [InlineData("EC", null, "P-521", "P-521", 521)]
    [InlineData("EC", 384, null, "P-384", 384)]
    [InlineData("EC", 521, null, "P-521", 521)]
    [InlineData("EC", 256, "P-256K", "P-256K", 256)]
    public void Generate_Ec_HasCurveAndFieldSize(string keyType, int? keySize, string? curve, string expectedCurve, int expectedSize)
    {
        // Act
        using var key = KeyGenerator.Generate(keyType, keySize, curve, null);

        // Assert
        Assert.Equal("EC", key.KeyType);
        Assert.Equal(expectedCurve, key.Curve);
        Assert.Equal(expectedSize, key.KeySize);
        var parts = key.PublicParts();
        Assert.Equal(expectedCurve, parts.Curve);
        Assert.Equal((expectedSize + 7) / 8, parts.X!.Length);
        Assert.Equal((expectedSize + 7) / 8, parts.Y!.Length);
    }

    [Fact]
    public void Generate_TwoOctKeys_Differ()
    {
        // Act
        using var first = KeyGenerator.Generate("oct", 256, null, null);
        using var second = KeyGenerator.Generate("oct", 256, null, null);

        // Assert
        Assert.NotEqual(TestKeys.OctBytes(first), TestKeys.OctBytes(second));
    }

    [Theory]
    [InlineData("RSA", 1024, null, null, "Unsupported key size (1024). Supported sizes are [2048, 3072, 4096]")]
    [InlineData("RSA", 2049, null, null, "Unsupported key size (2049). Supported sizes are [2048, 3072, 4096]")]
    [InlineData("RSA", 2048, null, 3, "Unsupported public exponent (3). Supported exponents are [65537]")]
    [InlineData("oct", 512, null, null, "Unsupported key size (512). Supported sizes are [128, 192, 256]")]
    [InlineData("EC", null, "P-192", null, "Unsupported curve (P-192). Supported curves are [P-256, P-256K, P-384, P-521]")]
    [InlineData("EC", 2048, null, null, "Unsupported key size (2048). Supported sizes are [256, 384, 521]")]
    [InlineData("EC", 256, "P-384", null, "Unsupported key size (256). Supported sizes are [384]")]
    [InlineData("DSA", null, null, null, "Invalid kty value: DSA")]
    [InlineData("rsa", null, null, null, "Invalid kty value: rsa")]
    public void Generate_CombinationKeyVaultRefuses_ThrowsBadParameterWithItsMessage(
        string keyType, int? keySize, string? curve, int? publicExponent, string message)
    {
        // Act
        var exception = Assert.Throws<CofferException>(() => KeyGenerator.Generate(keyType, keySize, curve, publicExponent));

        // Assert
        TestKeys.AssertBadParameter(exception);
        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void Generate_UnsupportedSize_HasKeySizeNotSupportedInnerCode()
    {
        // Act
        var exception = Assert.Throws<CofferException>(() => KeyGenerator.Generate("RSA", 1024, null, null));

        // Assert
        Assert.Equal("KeySizeNotSupported", exception.InnerCode);
    }
}
