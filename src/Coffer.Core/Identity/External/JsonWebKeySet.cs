using System.Security.Cryptography;
using System.Text.Json;
using Coffer.Core.Crypto;

namespace Coffer.Core.Identity.External;

/// <summary>
/// Reads a JWKS (RFC 7517) into verification keys by key id. Only signing keys Coffer can use are kept: RSA of at
/// least 2048 bits for RS256, and EC P-256 for ES256; a key whose <c>use</c> or <c>alg</c> says otherwise is skipped.
/// </summary>
internal static class JsonWebKeySet
{
    private const int MinimumRsaBits = 2048;

    public static Dictionary<string, VerificationKey> Parse(ReadOnlySpan<byte> json)
    {
        var keys = new Dictionary<string, VerificationKey>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.ValueKind != JsonValueKind.Object ||
            !document.RootElement.TryGetProperty("keys", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("The JWKS has no 'keys' array.");
        }

        foreach (var jwk in list.EnumerateArray())
        {
            if (jwk.ValueKind == JsonValueKind.Object && String(jwk, "kid") is { Length: > 0 } kid &&
                String(jwk, "use") is null or "sig" && TryRead(jwk, out var key))
            {
                keys[kid] = key;
            }
        }

        return keys;
    }

    private static bool TryRead(JsonElement jwk, out VerificationKey key)
    {
        key = null!;
        var alg = String(jwk, "alg");
        switch (String(jwk, "kty"))
        {
            case "RSA" when alg is null or "RS256":
                if (!Base64Url.TryDecode(String(jwk, "n"), out var modulus) || !Base64Url.TryDecode(String(jwk, "e"), out var exponent) ||
                    modulus.Length == 0 || exponent.Length == 0)
                {
                    return false;
                }

                var rsa = RSA.Create();
                try
                {
                    rsa.ImportParameters(new RSAParameters { Modulus = modulus, Exponent = exponent });
                }
                catch (CryptographicException)
                {
                    rsa.Dispose();
                    return false;
                }

                if (rsa.KeySize < MinimumRsaBits)
                {
                    rsa.Dispose();
                    return false;
                }

                key = VerificationKey.Rs256(rsa);
                return true;

            case "EC" when alg is null or "ES256":
                if (String(jwk, "crv") != "P-256" ||
                    !Base64Url.TryDecode(String(jwk, "x"), out var x) || !Base64Url.TryDecode(String(jwk, "y"), out var y) ||
                    x.Length != 32 || y.Length != 32)
                {
                    return false;
                }

                try
                {
                    key = VerificationKey.Es256(ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } }));
                    return true;
                }
                catch (CryptographicException)
                {
                    return false; // a point that is not on the curve
                }

            default:
                return false;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
