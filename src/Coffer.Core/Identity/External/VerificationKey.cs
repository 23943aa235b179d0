using System.Security.Cryptography;

namespace Coffer.Core.Identity.External;

/// <summary>One public key from an issuer's JWKS, bound to the one JWS algorithm it may verify.</summary>
internal sealed class VerificationKey
{
    private readonly RSA? _rsa;
    private readonly ECDsa? _ec;

    private VerificationKey(string algorithm, RSA? rsa, ECDsa? ec)
    {
        Algorithm = algorithm;
        _rsa = rsa;
        _ec = ec;
    }

    /// <summary><c>RS256</c> or <c>ES256</c>: a token's <c>alg</c> must name exactly this, so an RSA key never checks an HMAC or EC signature.</summary>
    public string Algorithm { get; }

    public static VerificationKey Rs256(RSA rsa) => new("RS256", rsa, null);

    public static VerificationKey Es256(ECDsa ec) => new("ES256", null, ec);

    public bool Verify(string algorithm, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        if (!string.Equals(algorithm, Algorithm, StringComparison.Ordinal))
        {
            return false;
        }

        // ES256 signatures are r||s (IEEE P1363), the format ECDsa verifies by default.
        return _rsa is not null
            ? _rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : _ec!.VerifyData(signingInput, signature, HashAlgorithmName.SHA256); // one of the two is always set
    }
}
