namespace Coffer.Core.Keys.Cryptography;

/// <summary>
/// The fields of a JSON Web Key, already base64url-decoded by the API layer, so Core never sees wire JSON.
/// Both <c>new JsonWebKeyParts("RSA") { N = … }</c> and <c>new JsonWebKeyParts { Kty = "RSA", … }</c> work.
/// </summary>
public sealed record JsonWebKeyParts(
    string Kty,
    string? Crv = null,
    byte[]? N = null,
    byte[]? E = null,
    byte[]? D = null,
    byte[]? DP = null,
    byte[]? DQ = null,
    byte[]? QI = null,
    byte[]? P = null,
    byte[]? Q = null,
    byte[]? X = null,
    byte[]? Y = null,
    byte[]? K = null)
{
    public JsonWebKeyParts()
        : this(string.Empty)
    {
    }
}
