using System.Security.Cryptography;
using Coffer.Core.Errors;
using Coffer.Core.Keys.Cryptography;

namespace Coffer.Core.Tests.Keys.Cryptography;

public sealed class JwkImportTests
{
    private static readonly Lazy<RSAParameters> Rsa = new(() =>
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportParameters(true);
    });

    [Theory]
    [InlineData("RSA")]
    [InlineData("RSA-HSM")]
    public void FromJwk_FullRsaJwk_KeepsTheKey(string kty)
    {
        // Act
        using var key = JwkImport.FromJwk(TestKeys.ToJwk(Rsa.Value, kty));

        // Assert
        Assert.Equal("RSA", key.KeyType);
        Assert.Equal(2048, key.KeySize);
        Assert.Equal(Rsa.Value.Modulus, key.PublicParts().N);
        Assert.Equal(Rsa.Value.D, key.RsaParameters().D);
        Assert.Equal(Rsa.Value.InverseQ, key.RsaParameters().InverseQ);
    }

    [Fact]
    public void FromJwk_RsaFieldsWithLeadingZeros_AreNormalised()
    {
        // Arrange: some encoders keep a sign byte in front of big-endian integers.
        var p = Rsa.Value;
        var jwk = TestKeys.ToJwk(p) with { N = [0, .. p.Modulus!], D = [0, .. p.D!], P = [0, .. p.P!] };

        // Act
        using var key = JwkImport.FromJwk(jwk);

        // Assert
        Assert.Equal(2048, key.KeySize);
        Assert.Equal(p.Modulus, key.PublicParts().N);
    }

    [Theory]
    [InlineData("n")]
    [InlineData("e")]
    [InlineData("d")]
    public void FromJwk_RsaWithoutARequiredField_ThrowsNamingIt(string field)
    {
        // Arrange
        var full = TestKeys.ToJwk(Rsa.Value);
        var jwk = field switch
        {
            "n" => full with { N = null },
            "e" => full with { E = [] },
            _ => full with { D = null },
        };

        // Act
        var exception = Assert.Throws<CofferException>(() => JwkImport.FromJwk(jwk));

        // Assert
        TestKeys.AssertBadParameter(exception, $"property '{field}'", "'RSA'");
    }

    [Fact]
    public void FromJwk_PublicOnlyRsaJwk_ThrowsNamingD()
    {
        // Arrange
        var jwk = new JsonWebKeyParts("RSA", N: Rsa.Value.Modulus, E: Rsa.Value.Exponent);

        // Act
        var exception = Assert.Throws<CofferException>(() => JwkImport.FromJwk(jwk));

        // Assert
        TestKeys.AssertBadParameter(exception, "property 'd'", "private parts");
    }

    [Theory]
    [InlineData("p", "q")]
    [InlineData("q", "p")]
    public void FromJwk_RsaWithOnlyOnePrime_ThrowsNamingTheOther(string given, string missing)
    {
        // Arrange
        var jwk = new JsonWebKeyParts("RSA", N: Rsa.Value.Modulus, E: Rsa.Value.Exponent, D: Rsa.Value.D)
        {
            P = given == "p" ? Rsa.Value.P : null,
            Q = given == "q" ? Rsa.Value.Q : null,
        };

        // Act
        var exception = Assert.Throws<CofferException>(() => JwkImport.FromJwk(jwk));

        // Assert
        TestKeys.AssertBadParameter(exception, $"property '{missing}'");
    }

    public static TheoryData<string> InconsistentRsaFields => ["p", "dp", "dq", "qi", "d", "e"];

    [Theory]
    [MemberData(nameof(InconsistentRsaFields))]
    public void FromJwk_RsaPartThatDoesNotMatchTheOthers_ThrowsNamingIt(string field)
    {
        // Arrange: bump one field by two (keeping e odd), so it no longer fits the rest of the key.
        var p = Rsa.Value;
        var full = TestKeys.ToJwk(p);
        var jwk = field switch
        {
            "p" => full with { P = Bump(p.P!) },
            "dp" => full with { DP = Bump(p.DP!) },
            "dq" => full with { DQ = Bump(p.DQ!) },
            "qi" => full with { QI = Bump(p.InverseQ!) },
            "d" => full with { D = Bump(p.D!) },
            _ => full with { E = [1, 0, 3] },
        };

        // Act
        var exception = Assert.Throws<CofferException>(() => JwkImport.FromJwk(jwk));

        // Assert
        TestKeys.AssertBadParameter(exception, $"property '{(field == "e" ? "d" : field)}'");
    }

    [Fact]
    public void FromJwk_RsaOnlyNEAndDWhereDIsWrong_ThrowsNamingD()
    {
        // Arrange
        var jwk = new JsonWebKeyParts("RSA", N: Rsa.Value.Modulus, E: Rsa.Value.Exponent, D: Bump(Rsa.Value.D!));

        // Act
        var exception = Assert.Throws<CofferException>(() => JwkImport.FromJwk(jwk));

        // Assert
        TestKeys.AssertBadParameter(exception, "property 'd'");
    }

    [Fact]
    public void FromJwk_Rsa1024_ThrowsUnsupportedKeySize()
    {
        // Arrange
        using var small = RSA.Create(1024);

        // Act
        var exception = Assert.Throws<CofferException>(() => JwkImport.FromJwk(TestKeys.ToJwk(small.ExportParameters(true))));

        // Assert
        TestKeys.AssertBadParameter(exception);
        Assert.Equal("Unsupported key size (1024). Supported sizes are [2048, 3072, 4096]", exception.Message);
    }

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
        var jwk = full with { X = Bump(full.X!) };

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

    [Fact]
    public void FromJwk_ErrorMessages_NeverContainKeyMaterial()
    {
        // Arrange
        var p = Rsa.Value;
        var jwk = TestKeys.ToJwk(p) with { DP = Bump(p.DP!) };

        // Act
        var exception = Assert.Throws<CofferException>(() => JwkImport.FromJwk(jwk));

        // Assert
        foreach (var secret in new[] { p.D!, p.P!, p.Q!, p.DP!, jwk.DP! })
        {
            Assert.DoesNotContain(Convert.ToHexString(secret[..8]), exception.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToBase64String(secret)[..10], exception.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>The big-endian integer plus two: still the same length, still odd if it was, but a different value.</summary>
    private static byte[] Bump(byte[] value)
    {
        var result = (byte[])value.Clone();
        for (var i = result.Length - 1; i >= 0; i--)
        {
            var sum = result[i] + (i == result.Length - 1 ? 2 : 1);
            result[i] = (byte)sum;
            if (sum <= 0xFF)
            {
                break;
            }
        }

        return result;
    }
}
