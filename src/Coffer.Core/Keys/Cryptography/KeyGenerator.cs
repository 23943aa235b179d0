namespace Coffer.Core.Keys.Cryptography;

/// <summary>Creates new keys of the types and sizes Key Vault offers.</summary>
public static class KeyGenerator
{
    /// <summary>
    /// Generates a key. <paramref name="keyType"/> is <c>RSA</c>, <c>EC</c> or <c>oct</c>, with or without <c>-HSM</c>;
    /// a combination Key Vault refuses throws 400 <c>BadParameter</c>.
    /// </summary>
    public static KeyMaterial Generate(string keyType, int? keySize, string? curve, int? publicExponent) =>
        throw new NotImplementedException();
}
