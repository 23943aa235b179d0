using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Coffer.Server.Cli.Client;

namespace Coffer.Server.Cli.KeyVault;

/// <summary>
/// Key material the key commands read and write locally: a PEM private key (RSA or EC, encrypted or not) as the JSON
/// web key <c>key import</c> sends, and a key's public JWK as the PEM or DER file <c>key download</c> writes.
/// </summary>
internal static class KeyMaterial
{
    /// <summary>
    /// The JWK of a PEM private key (<c>RSA PRIVATE KEY</c>, <c>EC PRIVATE KEY</c>, <c>PRIVATE KEY</c> or
    /// <c>ENCRYPTED PRIVATE KEY</c> with <paramref name="password"/>); <paramref name="hsm"/> asks for the -HSM type.
    /// The private parameters are cleared from memory once encoded.
    /// </summary>
    public static JsonObject PrivateJwk(string pem, string? password, bool hsm)
    {
        using var rsa = RSA.Create();
        if (TryImport(rsa, pem, password))
        {
            var p = rsa.ExportParameters(includePrivateParameters: true);
            try
            {
                return new JsonObject
                {
                    ["kty"] = hsm ? "RSA-HSM" : "RSA",
                    ["n"] = Encode(p.Modulus),
                    ["e"] = Encode(p.Exponent),
                    ["d"] = Encode(p.D),
                    ["p"] = Encode(p.P),
                    ["q"] = Encode(p.Q),
                    ["dp"] = Encode(p.DP),
                    ["dq"] = Encode(p.DQ),
                    ["qi"] = Encode(p.InverseQ),
                };
            }
            finally
            {
                Clear(p.D, p.P, p.Q, p.DP, p.DQ, p.InverseQ);
            }
        }

        using var ec = ECDsa.Create();
        if (TryImport(ec, pem, password))
        {
            var p = ec.ExportParameters(includePrivateParameters: true);
            try
            {
                return new JsonObject
                {
                    ["kty"] = hsm ? "EC-HSM" : "EC",
                    ["crv"] = CurveName(p.Curve),
                    ["x"] = Encode(p.Q.X),
                    ["y"] = Encode(p.Q.Y),
                    ["d"] = Encode(p.D),
                };
            }
            finally
            {
                Clear(p.D);
            }
        }

        throw new CommandFailedException("The PEM holds no RSA or EC private key this command can read (or the password is wrong).");
    }

    /// <summary>The public key of a JWK from Key Vault as SubjectPublicKeyInfo, DER or PEM.</summary>
    public static byte[] PublicKey(JsonNode? jwk, bool pem)
    {
        var kty = jwk?["kty"]?.GetValue<string>() ?? "";
        byte[] der;
        if (kty.StartsWith("RSA", StringComparison.Ordinal))
        {
            using var rsa = RSA.Create(new RSAParameters { Modulus = Decode(jwk, "n"), Exponent = Decode(jwk, "e") });
            der = rsa.ExportSubjectPublicKeyInfo();
        }
        else if (kty.StartsWith("EC", StringComparison.Ordinal))
        {
            using var ec = ECDsa.Create(new ECParameters { Curve = Curve(jwk?["crv"]?.GetValue<string>()), Q = new ECPoint { X = Decode(jwk, "x"), Y = Decode(jwk, "y") } });
            der = ec.ExportSubjectPublicKeyInfo();
        }
        else
        {
            throw new CommandFailedException($"A {kty} key has no public key to download.");
        }

        return pem ? System.Text.Encoding.ASCII.GetBytes(PemEncoding.WriteString("PUBLIC KEY", der) + "\n") : der;
    }

    private static bool TryImport(AsymmetricAlgorithm algorithm, string pem, string? password)
    {
        try
        {
            if (password is null)
            {
                algorithm.ImportFromPem(pem);
            }
            else
            {
                algorithm.ImportFromEncryptedPem(pem, password);
            }

            return true;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return false;
        }
    }

    private static string CurveName(ECCurve curve) => curve.Oid.FriendlyName switch
    {
        "nistP256" or "ECDSA_P256" => "P-256",
        "nistP384" or "ECDSA_P384" => "P-384",
        "nistP521" or "ECDSA_P521" => "P-521",
        "secP256k1" => "P-256K",
        _ => throw new CommandFailedException($"The PEM's curve ({curve.Oid.FriendlyName ?? curve.Oid.Value}) is not one Key Vault has: P-256, P-256K, P-384, P-521."),
    };

    private static ECCurve Curve(string? name) => name switch
    {
        "P-256" => ECCurve.NamedCurves.nistP256,
        "P-384" => ECCurve.NamedCurves.nistP384,
        "P-521" => ECCurve.NamedCurves.nistP521,
        "P-256K" => ECCurve.CreateFromFriendlyName("secP256k1"),
        _ => throw new CommandFailedException($"The key's curve '{name}' is not one this command knows."),
    };

    private static string? Encode(byte[]? bytes) => bytes is null ? null : Base64Url.EncodeToString(bytes);

    private static byte[] Decode(JsonNode? jwk, string field) =>
        jwk?[field]?.GetValue<string>() is { } text ? Base64Url.DecodeFromChars(text) : throw new CommandFailedException($"The key has no '{field}'.");

    private static void Clear(params byte[]?[] secrets)
    {
        foreach (var secret in secrets)
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }
}
