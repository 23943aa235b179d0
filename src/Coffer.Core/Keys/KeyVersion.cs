using Coffer.Core.Keys.Cryptography;

namespace Coffer.Core.Keys;

/// <summary>
/// One stored version of a key. <see cref="SealedMaterial"/> is the private material sealed with the vault's data key;
/// the public parts are kept beside it in the clear so a read of the key never unseals anything.
/// <see cref="KeyType"/> is the type as requested (<c>RSA-HSM</c> stays <c>RSA-HSM</c>).
/// </summary>
public sealed record KeyVersion(
    Guid VaultId,
    string Name,
    string Version,
    string KeyType,
    int KeySize,
    IReadOnlyList<string> KeyOps,
    DateTimeOffset Created,
    DateTimeOffset Updated,
    bool Enabled,
    DateTimeOffset? NotBefore,
    DateTimeOffset? Expires,
    IReadOnlyDictionary<string, string>? Tags,
    PublicKeyParts PublicKey,
    byte[] SealedMaterial)
{
    /// <summary>Store-assigned order of creation; list cursors and "latest" use it.</summary>
    public long Sequence { get; init; }

    public string NameKey => KeyName.Key(Name);
}
