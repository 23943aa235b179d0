namespace Coffer.Core.Keys.Cryptography;

/// <summary>Key Vault's algorithm names (<c>JsonWebKeyEncryptionAlgorithm</c>, <c>JsonWebKeySignatureAlgorithm</c>).</summary>
public static class KeyAlgorithms
{
    public const string Rsa15 = "RSA1_5";
    public const string RsaOaep = "RSA-OAEP";
    public const string RsaOaep256 = "RSA-OAEP-256";

    public const string A128Gcm = "A128GCM";
    public const string A192Gcm = "A192GCM";
    public const string A256Gcm = "A256GCM";
    public const string A128Cbc = "A128CBC";
    public const string A192Cbc = "A192CBC";
    public const string A256Cbc = "A256CBC";
    public const string A128CbcPad = "A128CBCPAD";
    public const string A192CbcPad = "A192CBCPAD";
    public const string A256CbcPad = "A256CBCPAD";
    public const string A128Kw = "A128KW";
    public const string A192Kw = "A192KW";
    public const string A256Kw = "A256KW";

    public const string Rs256 = "RS256";
    public const string Rs384 = "RS384";
    public const string Rs512 = "RS512";
    public const string Ps256 = "PS256";
    public const string Ps384 = "PS384";
    public const string Ps512 = "PS512";
    public const string Es256 = "ES256";
    public const string Es256K = "ES256K";
    public const string Es384 = "ES384";
    public const string Es512 = "ES512";
}
