using System.Security.Cryptography;
using Coffer.Core.Errors;
using Coffer.Core.Keys.Cryptography;

namespace Coffer.Core.Tests.Keys.Cryptography;

/// <summary>Keys generated once per test run (RSA generation is slow), and small helpers the key tests share.</summary>
internal static class TestKeys
{
    private static readonly Lazy<KeyMaterial> LazyRsa2048 = new(() => KeyGenerator.Generate("RSA", 2048, null, null));
    private static readonly Dictionary<string, KeyMaterial> EcKeys = [];
    private static readonly Dictionary<int, KeyMaterial> OctKeys = [];

    public static KeyMaterial Rsa2048 => LazyRsa2048.Value;

    public static KeyMaterial Ec(string curve)
    {
        lock (EcKeys)
        {
            if (!EcKeys.TryGetValue(curve, out var key))
            {
                key = KeyGenerator.Generate("EC", null, curve, null);
                EcKeys[curve] = key;
            }

            return key;
        }
    }

    public static KeyMaterial Oct(int bits)
    {
        lock (OctKeys)
        {
            if (!OctKeys.TryGetValue(bits, out var key))
            {
                key = KeyGenerator.Generate("oct", bits, null, null);
                OctKeys[bits] = key;
            }

            return key;
        }
    }

    /// <summary>A key for a test-data name: <c>RSA</c>, <c>EC:P-256</c>, <c>oct:128</c>.</summary>
    public static KeyMaterial Named(string name) => name.Split(':') switch
    {
        ["RSA"] => Rsa2048,
        ["EC", var curve] => Ec(curve),
        ["oct", var bits] => Oct(int.Parse(bits, System.Globalization.CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException(name, nameof(name)),
    };

    /// <summary>The oct key's bytes, read back through the private export so tests can check results with .NET's AES.</summary>
    public static byte[] OctBytes(KeyMaterial key) => key.SymmetricKey().ToArray();

    public static ECCurve NetCurve(string curve) => curve switch
    {
        "P-256" => ECCurve.NamedCurves.nistP256,
        "P-384" => ECCurve.NamedCurves.nistP384,
        "P-521" => ECCurve.NamedCurves.nistP521,
        _ => ECCurve.CreateFromFriendlyName("secP256k1"),
    };

    public static JsonWebKeyParts ToJwk(RSAParameters p, string kty = "RSA") =>
        new(kty, N: p.Modulus, E: p.Exponent, D: p.D, DP: p.DP, DQ: p.DQ, QI: p.InverseQ, P: p.P, Q: p.Q);

    public static JsonWebKeyParts ToJwk(string curve, ECParameters p, string kty = "EC") =>
        new(kty, Crv: curve, X: p.Q.X, Y: p.Q.Y, D: p.D);

    public static void AssertBadParameter(CofferException exception, params string[] fragments)
    {
        Assert.Equal(400, exception.Status);
        Assert.Equal(ErrorCodes.BadParameter, exception.Code);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, exception.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>The big-endian integer plus two: still the same length, still odd if it was, but a different value.</summary>
    public static byte[] Bump(byte[] value)
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
