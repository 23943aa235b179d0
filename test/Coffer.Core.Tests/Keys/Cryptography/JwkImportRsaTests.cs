using System.Numerics;
using System.Security.Cryptography;
using Coffer.Core.Errors;
using Coffer.Core.Keys.Cryptography;

namespace Coffer.Core.Tests.Keys.Cryptography;

public sealed class JwkImportRsaTests
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
            "p" => full with { P = TestKeys.Bump(p.P!) },
            "dp" => full with { DP = TestKeys.Bump(p.DP!) },
            "dq" => full with { DQ = TestKeys.Bump(p.DQ!) },
            "qi" => full with { QI = TestKeys.Bump(p.InverseQ!) },
            "d" => full with { D = TestKeys.Bump(p.D!) },
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
        var jwk = new JsonWebKeyParts("RSA", N: Rsa.Value.Modulus, E: Rsa.Value.Exponent, D: TestKeys.Bump(Rsa.Value.D!));

        // Act
        var exception = Assert.Throws<CofferException>(() => JwkImport.FromJwk(jwk));

        // Assert
        TestKeys.AssertBadParameter(exception, "property 'd'");
    }

    [Fact]
    public void FromJwk_RsaWithUnbalancedPrimes_ThrowsNamingPNotAServerError()
    {
        // Arrange: a 1032-bit and a 1016-bit prime make a 2048-bit modulus whose p does not fit in 128 bytes.
        using var large = RSA.Create(2064);
        using var small = RSA.Create(2032);
        var p = new BigInteger(large.ExportParameters(true).P, isUnsigned: true, isBigEndian: true);
        var q = new BigInteger(small.ExportParameters(true).Q, isUnsigned: true, isBigEndian: true);
        var n = p * q;
        var lambda = (p - 1) * (q - 1) / BigInteger.GreatestCommonDivisor(p - 1, q - 1);
        var d = ModInverse(65537, lambda);
        var jwk = new JsonWebKeyParts("RSA", N: Bytes(n), E: [1, 0, 1], D: Bytes(d), P: Bytes(p), Q: Bytes(q));

        // Act
        var exception = Assert.Throws<CofferException>(() => JwkImport.FromJwk(jwk));

        // Assert
        Assert.Equal(2048, (int)n.GetBitLength());
        TestKeys.AssertBadParameter(exception, "property 'p'");
    }

    private static byte[] Bytes(BigInteger value) => value.ToByteArray(isUnsigned: true, isBigEndian: true);

    private static BigInteger ModInverse(BigInteger value, BigInteger modulus)
    {
        var (oldR, r) = (value, modulus);
        var (oldS, s) = (BigInteger.One, BigInteger.Zero);
        while (!r.IsZero)
        {
            var quotient = oldR / r;
            (oldR, r) = (r, oldR - (quotient * r));
            (oldS, s) = (s, oldS - (quotient * s));
        }

        return ((oldS % modulus) + modulus) % modulus;
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

    [Fact]
    public void FromJwk_ErrorMessages_NeverContainKeyMaterial()
    {
        // Arrange
        var p = Rsa.Value;
        var jwk = TestKeys.ToJwk(p) with { DP = TestKeys.Bump(p.DP!) };

        // Act
        var exception = Assert.Throws<CofferException>(() => JwkImport.FromJwk(jwk));

        // Assert
        foreach (var secret in new[] { p.D!, p.P!, p.Q!, p.DP!, jwk.DP! })
        {
            Assert.DoesNotContain(Convert.ToHexString(secret[..8]), exception.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToBase64String(secret)[..10], exception.Message, StringComparison.Ordinal);
        }
    }
}
