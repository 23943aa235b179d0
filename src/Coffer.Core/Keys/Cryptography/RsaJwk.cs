using System.Numerics;
using System.Security.Cryptography;
using Coffer.Core.Errors;

namespace Coffer.Core.Keys.Cryptography;

/// <summary>
/// An imported RSA JWK checked as a whole: p·q = n, e·d ≡ 1 (mod λ(n)), and any CRT values given equal those computed,
/// because .NET would otherwise accept parts that sign with a key other than the one whose <c>n</c> we publish.
/// A JWK with only n, e and d gets its primes recovered (NIST SP 800-56B, appendix C).
/// </summary>
internal static class RsaJwk
{
    private const int MaxFactoringAttempts = 100;

    public static KeyMaterial ToKeyMaterial(JsonWebKeyParts jwk)
    {
        var n = ToInteger(JwkImport.Required(jwk, jwk.N, "n"));
        var e = ToInteger(JwkImport.Required(jwk, jwk.E, "e"));
        var d = ToInteger(JwkImport.Required(jwk, jwk.D, "d"));
        var bits = (int)n.GetBitLength();
        if (!KeyTypes.RsaSizes.Contains(bits))
        {
            throw CofferErrors.UnsupportedKeySize(bits, KeyTypes.RsaSizes);
        }

        if (e < 3 || e.IsEven || e >= n)
        {
            throw CofferErrors.JwkInvalidField("e", "is not a valid RSA public exponent");
        }

        if (d <= 1 || d >= n)
        {
            throw CofferErrors.JwkInvalidField("d", "is not a valid RSA private exponent for 'n'");
        }

        var (p, q) = Primes(jwk, n, e, d);

        // RSAParameters (and so every platform's RSA) holds each prime in half the modulus' bytes.
        var half = (ToBytes(n).Length + 1) / 2;
        if (ToBytes(p).Length > half || ToBytes(q).Length > half)
        {
            throw CofferErrors.JwkInvalidField("p", "and 'q' differ too much in size; each must fit in half the bytes of 'n'");
        }

        var lambda = Lcm(p - 1, q - 1);
        if (e * d % lambda != 1)
        {
            throw CofferErrors.JwkInvalidField("d", "does not match 'e' and the primes");
        }

        var dp = d % (p - 1);
        var dq = d % (q - 1);
        var qi = BigInteger.ModPow(q, p - 2, p);
        MatchIfGiven(jwk.DP, dp, "dp");
        MatchIfGiven(jwk.DQ, dq, "dq");
        MatchIfGiven(jwk.QI, qi, "qi");

        var parameters = new RSAParameters
        {
            Modulus = ToBytes(n),
            Exponent = ToBytes(e),
            D = ToBytes(d),
            P = ToBytes(p),
            Q = ToBytes(q),
            DP = ToBytes(dp),
            DQ = ToBytes(dq),
            InverseQ = ToBytes(qi),
        };
        try
        {
            return KeyMaterial.FromRsa(parameters);
        }
        finally
        {
            foreach (var secret in new[] { parameters.D, parameters.P, parameters.Q, parameters.DP, parameters.DQ, parameters.InverseQ })
            {
                CryptographicOperations.ZeroMemory(secret);
            }
        }
    }

    private static (BigInteger P, BigInteger Q) Primes(JsonWebKeyParts jwk, BigInteger n, BigInteger e, BigInteger d)
    {
        var hasP = jwk.P is { Length: > 0 };
        var hasQ = jwk.Q is { Length: > 0 };
        if (hasP != hasQ)
        {
            throw CofferErrors.JwkMissingField(jwk.Kty, hasP ? "q" : "p");
        }

        if (!hasP)
        {
            return Recover(n, e, d);
        }

        var p = ToInteger(jwk.P!);
        var q = ToInteger(jwk.Q!);
        if (p <= 1 || q <= 1 || p >= n || q >= n || p * q != n)
        {
            throw CofferErrors.JwkInvalidField("p", "and 'q' are not the factors of 'n'");
        }

        // Keep the JWK's order: its dp, dq and qi were computed for it.
        return (p, q);
    }

    /// <summary>Factors n from e and d: k = ed − 1 is a multiple of λ(n), and a random g's square roots of 1 split n.</summary>
    private static (BigInteger P, BigInteger Q) Recover(BigInteger n, BigInteger e, BigInteger d)
    {
        var k = (e * d) - 1;
        // For the right d, k is a multiple of λ(n), so 2^k ≡ 1 (mod n). One exponentiation refuses a wrong d before
        // the search below could spend a hundred of them on it.
        if (k.IsZero || !k.IsEven || !BigInteger.ModPow(2, k, n).IsOne)
        {
            throw CofferErrors.JwkInvalidField("d", "does not match 'n' and 'e'");
        }

        var r = k;
        var t = 0;
        while (r.IsEven)
        {
            r >>= 1;
            t++;
        }

        for (var g = new BigInteger(2); g < MaxFactoringAttempts; g++)
        {
            var y = BigInteger.ModPow(g, r, n);
            if (y.IsOne || y == n - 1)
            {
                continue;
            }

            for (var i = 0; i < t; i++)
            {
                var x = BigInteger.ModPow(y, 2, n);
                if (x.IsOne)
                {
                    var p = BigInteger.GreatestCommonDivisor(y - 1, n);
                    var q = n / p;
                    return p > q ? (p, q) : (q, p);
                }

                if (x == n - 1)
                {
                    break;
                }

                y = x;
            }
        }

        throw CofferErrors.JwkInvalidField("d", "does not match 'n' and 'e'");
    }

    private static void MatchIfGiven(byte[]? given, BigInteger computed, string field)
    {
        if (given is { Length: > 0 } && ToInteger(given) != computed)
        {
            throw CofferErrors.JwkInvalidField(field, "does not match the key's other parts");
        }
    }

    private static BigInteger Lcm(BigInteger a, BigInteger b) => a / BigInteger.GreatestCommonDivisor(a, b) * b;

    private static BigInteger ToInteger(byte[] bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

    private static byte[] ToBytes(BigInteger value) => value.ToByteArray(isUnsigned: true, isBigEndian: true);
}
