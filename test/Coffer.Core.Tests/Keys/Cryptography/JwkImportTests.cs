using System.Security.Cryptography;
using Coffer.Core.Errors;
using Coffer.Core.Keys.Cryptography;

namespace Coffer.Core.Tests.Keys.Cryptography;

public sealed class JwkImportTests
{
    [Theory]
    [InlineData("P-256", "EC")]
    [InlineData("P-256K", "EC")]
    [InlineData("P-384", "EC-HSM")]
    [InlineData("P-521", "EC")]
    public void FromJwk_EcJwk_KeepsCurveAndPoint(string curve, string kty)
    {
        // Arrange
        using var ecdsa = ECDsa.Create(TestKeys.NetCurve(curve));
        var p = ecdsa.ExportParameters(true);

        // Act
        using var key = JwkImport.FromJwk(TestKeys.ToJwk(curve, p, kty));

        // Assert
        Assert.Equal("EC", key.KeyType);
        Assert.Equal(curve, key.Curve);
        Assert.Equal(p.Q.X, key.PublicParts().X);
        Assert.Equal(p.Q.Y, key.PublicParts().Y);
    }

    [Theory]
    [InlineData("crv")]
    [InlineData("x")]
    [InlineData("y")]
    [InlineData("d")]
    public void FromJwk_EcWithoutARequiredField_ThrowsNamingIt(string field)
    {
        // Arrange
        var full = TestKeys.ToJwk("P-256", TestKeys.Ec("P-256").EcParameters(includePrivate: true));
        var jwk = field switch
        {
            "crv" => full with { Crv = null },
            "x" => full with { X = null },
            "y" => full with { Y = [] },
            _ => full with { D = null },
        };

        // Act
        var exception = Assert.Throws<CofferException>(() => JwkImport.FromJwk(jwk));

        // Assert
        TestKeys.AssertBadParameter(exception, $"property '{field}'");
    }

    [Fact]
    public void FromJwk_EcPointNotOnTheCurve_ThrowsNamingX()
    {
        // Arrange
        var full = TestKeys.ToJwk("P-256", TestKeys.Ec("P-256").EcParameters(includePrivate: true));
        var jwk = full with { X = TestKeys.Bump(full.X!) };

        // Act
        var exception = Assert.Throws<CofferException>(() => JwkImport.FromJwk(jwk));

        // Assert
        TestKeys.AssertBadParameter(exception, "property 'x'", "not a point on curve P-256");
    }

    [Fact]
    public void FromJwk_EcPrivateScalarOfAnotherKey_ThrowsNamingD()
    {
        // Arrange
        var full = TestKeys.ToJwk("P-384", TestKeys.Ec("P-384").EcParameters(includePrivate: true));
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var jwk = full with { D = other.ExportParameters(true).D };

        // Act
        var exception = Assert.Throws<CofferException>(() => JwkImport.FromJwk(jwk));

        // Assert
        TestKeys.AssertBadParameter(exception, "property 'd'", "does not match");
    }

    [Fact]
    public void FromJwk_EcCoordinateLongerThanTheCurve_ThrowsNamingIt()
    {
        // Arrange
        var full = TestKeys.ToJwk("P-256", TestKeys.Ec("P-256").EcParameters(includePrivate: true));
        var jwk = full with { Y = [1, .. full.Y!] };

        // Act
        var exception = Assert.Throws<CofferException>(() => JwkImport.FromJwk(jwk));

        // Assert
        TestKeys.AssertBadParameter(exception, "property 'y'", "longer than 32 bytes");
    }

    [Fact]
    public void FromJwk_EcUnknownCurve_ThrowsUnsupportedCurve()
    {
        // Arrange
        var jwk = new JsonWebKeyParts("EC", Crv: "Ed25519", X: new byte[32], Y: new byte[32], D: new byte[32]);

        // Act
        var exception = Assert.Throws<CofferException>(() => JwkImport.FromJwk(jwk));

        // Assert
        TestKeys.AssertBadParameter(exception, "Unsupported curve (Ed25519)");
    }

    [Theory]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(32)]
    public void FromJwk_OctOfAesSize_KeepsTheKey(int length)
    {
        // Arrange
        var k = RandomNumberGenerator.GetBytes(length);

        // Act
        using var key = JwkImport.FromJwk(new JsonWebKeyParts { Kty = "oct-HSM", K = k });

        // Assert
        Assert.Equal("oct", key.KeyType);
        Assert.Equal(length * 8, key.KeySize);
        Assert.Equal(k, TestKeys.OctBytes(key));
    }

    [Theory]
    [InlineData(0, "property 'k'", "needs")]
    [InlineData(8, "property 'k'", "is 64 bits long")]
    [InlineData(20, "property 'k'", "is 160 bits long")]
    [InlineData(64, "property 'k'", "is 512 bits long")]
    public void FromJwk_OctNotAnAesKey_ThrowsNamingK(int length, string field, string reason)
    {
        // Arrange
        var jwk = new JsonWebKeyParts("oct", K: new byte[length]);

        // Act
        var exception = Assert.Throws<CofferException>(() => JwkImport.FromJwk(jwk));

        // Assert
        TestKeys.AssertBadParameter(exception, field, reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ec")]
    [InlineData("OKP")]
    public void FromJwk_UnknownKty_ThrowsInvalidKty(string kty)
    {
        // Act
        var exception = Assert.Throws<CofferException>(() => JwkImport.FromJwk(new JsonWebKeyParts(kty)));

        // Assert
        TestKeys.AssertBadParameter(exception);
        Assert.Equal($"Invalid kty value: {kty}", exception.Message);
        Assert.Equal("KeyTypeNotSupported", exception.InnerCode);
    }
}
