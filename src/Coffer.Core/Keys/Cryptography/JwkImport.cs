namespace Coffer.Core.Keys.Cryptography;

/// <summary>Validates an imported JSON Web Key and turns it into key material.</summary>
public static class JwkImport
{
    /// <summary>
    /// Builds key material from a JWK with its private parts; anything missing or inconsistent throws 400
    /// <c>BadParameter</c> naming the field.
    /// </summary>
    public static KeyMaterial FromJwk(JsonWebKeyParts jwk) => throw new NotImplementedException();
}
