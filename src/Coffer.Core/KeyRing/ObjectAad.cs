using System.Text;

namespace Coffer.Core.KeyRing;

/// <summary>
/// Associated data binding a ciphertext to its object: vault, kind, name and version.
/// A value copied to another row, name or vault fails to decrypt.
/// </summary>
public readonly struct ObjectAad
{
    private ObjectAad(byte[] bytes) => Bytes = bytes;

    public byte[] Bytes { get; }

    public static ObjectAad For(Guid vaultId, string kind, string nameKey, string version) =>
        new(Encoding.UTF8.GetBytes($"{vaultId:N}\n{kind}\n{nameKey}\n{version}"));
}
