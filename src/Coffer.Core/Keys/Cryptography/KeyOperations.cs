namespace Coffer.Core.Keys.Cryptography;

/// <summary>Key Vault's names for the cryptographic operations (<c>JsonWebKeyOperation</c>), as used in <c>key_ops</c>.</summary>
public static class KeyOperations
{
    public const string Encrypt = "encrypt";
    public const string Decrypt = "decrypt";
    public const string WrapKey = "wrapKey";
    public const string UnwrapKey = "unwrapKey";
    public const string Sign = "sign";
    public const string Verify = "verify";
}
