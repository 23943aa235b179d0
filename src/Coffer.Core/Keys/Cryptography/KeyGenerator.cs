using System.Security.Cryptography;
using Coffer.Core.Errors;

namespace Coffer.Core.Keys.Cryptography;

/// <summary>Creates new keys of the types and sizes Key Vault offers.</summary>
public static class KeyGenerator
{
    private const int DefaultRsaSize = 2048;
    private const int DefaultOctSize = 256;
    private const int DefaultPublicExponent = 65537;

    /// <summary>
    /// Generates a key. <paramref name="keyType"/> is <c>RSA</c>, <c>EC</c> or <c>oct</c>, with or without <c>-HSM</c>;
    /// a combination Key Vault refuses throws 400 <c>BadParameter</c>.
    /// </summary>
    public static KeyMaterial Generate(string keyType, int? keySize, string? curve, int? publicExponent) =>
        KeyTypes.BaseType(keyType) switch
        {
            KeyTypes.Rsa => GenerateRsa(keySize ?? DefaultRsaSize, publicExponent ?? DefaultPublicExponent),
            KeyTypes.Ec => GenerateEc(CurveFor(keySize, curve)),
            KeyTypes.Oct => GenerateOct(keySize ?? DefaultOctSize),
            _ => throw CofferErrors.InvalidKeyType(keyType),
        };

    private static KeyMaterial GenerateRsa(int keySize, int publicExponent)
    {
        if (!KeyTypes.RsaSizes.Contains(keySize))
        {
            throw CofferErrors.UnsupportedKeySize(keySize, KeyTypes.RsaSizes);
        }

        // .NET (on every platform) generates RSA keys with exponent 65537 only; it has no way to ask for another.
        if (publicExponent != DefaultPublicExponent)
        {
            throw CofferErrors.UnsupportedPublicExponent(publicExponent);
        }

        using var rsa = RSA.Create(keySize);
        var parameters = rsa.ExportParameters(includePrivateParameters: true);
        try
        {
            return KeyMaterial.FromRsa(parameters);
        }
        finally
        {
            Clear(parameters.D, parameters.P, parameters.Q, parameters.DP, parameters.DQ, parameters.InverseQ);
        }
    }

    private static KeyMaterial GenerateEc(string curve)
    {
        using var ecdsa = ECDsa.Create(EcCurves.For(curve));
        var parameters = ecdsa.ExportParameters(includePrivateParameters: true);
        try
        {
            return KeyMaterial.FromEc(curve, parameters);
        }
        finally
        {
            Clear(parameters.D);
        }
    }

    private static KeyMaterial GenerateOct(int keySize)
    {
        if (!KeyTypes.OctSizes.Contains(keySize))
        {
            throw CofferErrors.UnsupportedKeySize(keySize, KeyTypes.OctSizes);
        }

        Span<byte> key = stackalloc byte[keySize / 8];
        RandomNumberGenerator.Fill(key);
        try
        {
            return KeyMaterial.FromOct(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// The curve from <c>crv</c>, or from <c>key_size</c> alone (256, 384, 521) as Key Vault allows; P-256 when neither is given.
    /// </summary>
    private static string CurveFor(int? keySize, string? curve)
    {
        if (curve is not null && !KeyTypes.Curves.Contains(curve))
        {
            throw CofferErrors.UnsupportedCurve(curve, KeyTypes.Curves);
        }

        if (keySize is { } size && (!KeyTypes.EcSizes.Contains(size) || (curve is not null && KeyTypes.CurveBits(curve) != size)))
        {
            throw CofferErrors.UnsupportedKeySize(size, curve is null ? KeyTypes.EcSizes : [KeyTypes.CurveBits(curve)]);
        }

        return curve ?? keySize switch
        {
            384 => KeyTypes.P384,
            521 => KeyTypes.P521,
            _ => KeyTypes.P256,
        };
    }

    private static void Clear(params byte[]?[] buffers)
    {
        foreach (var buffer in buffers)
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }
}
