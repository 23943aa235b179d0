namespace Coffer.Core.Keys.Cryptography;

/// <summary>Key Vault's key types and curves (<c>JsonWebKeyType</c>, <c>JsonWebKeyCurveName</c>).</summary>
public static class KeyTypes
{
    public const string Rsa = "RSA";
    public const string Ec = "EC";
    public const string Oct = "oct";
    public const string HsmSuffix = "-HSM";

    public const string P256 = "P-256";
    public const string P256K = "P-256K";
    public const string P384 = "P-384";
    public const string P521 = "P-521";

    internal static readonly int[] RsaSizes = [2048, 3072, 4096];
    internal static readonly int[] EcSizes = [256, 384, 521];
    internal static readonly int[] OctSizes = [128, 192, 256];
    internal static readonly string[] Curves = [P256, P256K, P384, P521];

    /// <summary>The base type of a Key Vault key type (<c>RSA-HSM</c> → <c>RSA</c>), or null when it is none Coffer knows.</summary>
    public static string? BaseType(string? keyType) => keyType switch
    {
        Rsa or "RSA-HSM" => Rsa,
        Ec or "EC-HSM" => Ec,
        Oct or "oct-HSM" => Oct,
        _ => null,
    };

    /// <summary>The bits of a curve's field (P-521 is 521, not 528), or 0 for an unknown curve.</summary>
    internal static int CurveBits(string? curve) => curve switch
    {
        P256 or P256K => 256,
        P384 => 384,
        P521 => 521,
        _ => 0,
    };

    internal static int CurveBytes(string curve) => (CurveBits(curve) + 7) / 8;
}
