using System.Security.Cryptography;

namespace Coffer.Core.Keys.Cryptography;

/// <summary>Key Vault's curve names mapped to .NET curves, and the signature algorithm each curve goes with.</summary>
internal static class EcCurves
{
    public static ECCurve For(string curve) => curve switch
    {
        KeyTypes.P256 => ECCurve.NamedCurves.nistP256,
        KeyTypes.P384 => ECCurve.NamedCurves.nistP384,
        KeyTypes.P521 => ECCurve.NamedCurves.nistP521,
        // OpenSSL knows secp256k1 by its SEC name; .NET has no NamedCurves entry for it.
        KeyTypes.P256K => ECCurve.CreateFromFriendlyName("secP256k1"),
        _ => throw new ArgumentOutOfRangeException(nameof(curve), curve, "Not a curve Key Vault offers."),
    };

    /// <summary>The one curve an ECDSA algorithm may be used with.</summary>
    public static string? CurveOf(string algorithm) => algorithm switch
    {
        KeyAlgorithms.Es256 => KeyTypes.P256,
        KeyAlgorithms.Es256K => KeyTypes.P256K,
        KeyAlgorithms.Es384 => KeyTypes.P384,
        KeyAlgorithms.Es512 => KeyTypes.P521,
        _ => null,
    };
}
