using System.Security.Cryptography;
using Coffer.Core.Errors;

namespace Coffer.Core.Keys.Cryptography;

/// <summary>Validates an imported JSON Web Key and turns it into key material.</summary>
public static class JwkImport
{
    /// <summary>
    /// Builds key material from a JWK with its private parts; anything missing or inconsistent throws 400
    /// <c>BadParameter</c> naming the field. Key Vault keeps only keys it can use, so a public-only JWK is refused.
    /// </summary>
    public static KeyMaterial FromJwk(JsonWebKeyParts jwk)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        return KeyTypes.BaseType(jwk.Kty) switch
        {
            KeyTypes.Rsa => RsaJwk.ToKeyMaterial(jwk),
            KeyTypes.Ec => FromEc(jwk),
            KeyTypes.Oct => FromOct(jwk),
            _ => throw CofferErrors.InvalidKeyType(jwk.Kty),
        };
    }

    internal static byte[] Required(JsonWebKeyParts jwk, byte[]? value, string field) =>
        value is { Length: > 0 } ? value : throw CofferErrors.JwkMissingField(jwk.Kty, field);

    private static KeyMaterial FromEc(JsonWebKeyParts jwk)
    {
        var curve = jwk.Crv ?? throw CofferErrors.JwkMissingField(jwk.Kty, "crv");
        if (!KeyTypes.Curves.Contains(curve))
        {
            throw CofferErrors.UnsupportedCurve(curve, KeyTypes.Curves);
        }

        var size = KeyTypes.CurveBytes(curve);
        var x = Coordinate(Required(jwk, jwk.X, "x"), size, "x", curve);
        var y = Coordinate(Required(jwk, jwk.Y, "y"), size, "y", curve);
        var d = Coordinate(Required(jwk, jwk.D, "d"), size, "d", curve);
        try
        {
            using var publicKey = ECDsa.Create();
            try
            {
                publicKey.ImportParameters(new ECParameters { Curve = EcCurves.For(curve), Q = new ECPoint { X = x, Y = y } });
            }
            catch (CryptographicException)
            {
                throw CofferErrors.JwkInvalidField("x", $"and 'y' are not a point on curve {curve}");
            }

            // The public point must be the private scalar's: derive it from d alone and compare.
            using var privateKey = ECDsa.Create();
            ECParameters derived;
            try
            {
                privateKey.ImportParameters(new ECParameters { Curve = EcCurves.For(curve), D = d });
                derived = privateKey.ExportParameters(includePrivateParameters: false);
            }
            catch (CryptographicException)
            {
                throw CofferErrors.JwkInvalidField("d", $"is not a private key on curve {curve}");
            }

            if (!derived.Q.X.AsSpan().SequenceEqual(x) || !derived.Q.Y.AsSpan().SequenceEqual(y))
            {
                throw CofferErrors.JwkInvalidField("d", "does not match the public point 'x', 'y'");
            }

            return KeyMaterial.FromEc(curve, new ECParameters { D = d, Q = new ECPoint { X = x, Y = y } });
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }
    }

    private static byte[] Coordinate(byte[] value, int size, string field, string curve)
    {
        try
        {
            return KeyMaterial.LeftPad(value, size);
        }
        catch (ArgumentException)
        {
            throw CofferErrors.JwkInvalidField(field, $"is longer than {size} bytes, the size of curve {curve}");
        }
    }

    private static KeyMaterial FromOct(JsonWebKeyParts jwk)
    {
        var k = Required(jwk, jwk.K, "k");
        return k.Length is 16 or 24 or 32
            ? KeyMaterial.FromOct(k)
            : throw CofferErrors.JwkInvalidField("k", $"is {k.Length * 8} bits long; supported sizes are [128, 192, 256]");
    }
}
