using System.Security.Cryptography;
using Coffer.Core.Errors;

namespace Coffer.Core.Keys.Cryptography;

// Signatures over precomputed digests: RSA PKCS#1 v1.5 and PSS (salt as long as the hash), and ECDSA on the one curve
// each ES algorithm names.
public static partial class KeyCryptography
{
    private static void CheckDigest(KeyMaterial key, string algorithm, ReadOnlySpan<byte> digest, string property)
    {
        if (EcCurves.CurveOf(algorithm) is { } curve && key.Curve != curve)
        {
            throw CofferErrors.AlgorithmIncompatibleWithCurve(key.Curve ?? string.Empty, algorithm, curve);
        }

        var size = DigestSize(algorithm);
        if (digest.Length != size)
        {
            throw CofferErrors.InvalidInputLength(property, digest.Length, algorithm, $"{size} bytes");
        }
    }

    private static byte[] RsaSign(KeyMaterial key, string algorithm, ReadOnlySpan<byte> digest) =>
        key.PrivateRsa().SignHash(digest.ToArray(), HashOf(algorithm), SignaturePadding(algorithm));

    private static bool RsaVerify(KeyMaterial key, string algorithm, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != (key.KeySize + 7) / 8)
        {
            return false;
        }

        using var rsa = RSA.Create();
        rsa.ImportParameters(PublicOnly(key.RsaParameters()));
        try
        {
            return rsa.VerifyHash(digest, signature, HashOf(algorithm), SignaturePadding(algorithm));
        }
        catch (CryptographicException)
        {
            // A signature the platform cannot even parse (a value above the modulus) is invalid, not a server error.
            return false;
        }
    }

    private static byte[] EcSign(KeyMaterial key, ReadOnlySpan<byte> digest)
    {
        using var ecdsa = ECDsa.Create(key.EcParameters(includePrivate: true));
        return ecdsa.SignHash(digest.ToArray(), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private static bool EcVerify(KeyMaterial key, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 2 * KeyTypes.CurveBytes(key.Curve!))
        {
            return false;
        }

        using var ecdsa = ECDsa.Create(key.EcParameters(includePrivate: false));
        try
        {
            return ecdsa.VerifyHash(digest, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static int DigestSize(string algorithm) => algorithm[^3..] switch
    {
        "384" => 48,
        "512" => 64,
        _ => 32,
    };

    private static HashAlgorithmName HashOf(string algorithm) => DigestSize(algorithm) switch
    {
        48 => HashAlgorithmName.SHA384,
        64 => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA256,
    };

    private static RSASignaturePadding SignaturePadding(string algorithm) =>
        algorithm.StartsWith("PS", StringComparison.Ordinal) ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
}
