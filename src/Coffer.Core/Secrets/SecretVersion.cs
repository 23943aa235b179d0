namespace Coffer.Core.Secrets;

/// <summary>
/// One stored version of a secret. <see cref="Ciphertext"/> is the value sealed with the vault's data key;
/// the plaintext never reaches the store. <see cref="Name"/> keeps the casing the secret was first created with.
/// </summary>
public sealed record SecretVersion(
    Guid VaultId,
    string Name,
    string Version,
    DateTimeOffset Created,
    DateTimeOffset Updated,
    bool Enabled,
    DateTimeOffset? NotBefore,
    DateTimeOffset? Expires,
    string? ContentType,
    IReadOnlyDictionary<string, string>? Tags,
    byte[] Ciphertext)
{
    /// <summary>Store-assigned order of creation; list cursors and "latest" use it.</summary>
    public long Sequence { get; init; }

    public string NameKey => SecretName.Key(Name);
}
