using System.Text;

namespace Coffer.Core.KeyRing;

/// <summary>
/// Associated data binding a ciphertext to its object: vault, kind, name and version.
/// A value copied to another row, name or vault fails to decrypt.
/// </summary>
public readonly struct ObjectAad
{
    private const int GuidLength = 32;

    private ObjectAad(byte[] bytes) => Bytes = bytes;

    public byte[] Bytes { get; }

    /// <summary>
    /// The UTF-8 of <c>{vault id:N}\n{kind}\n{name key}\n{version}</c>, written straight into its bytes: every secret
    /// read and write makes one, and an intermediate string would double what it allocates.
    /// </summary>
    public static ObjectAad For(Guid vaultId, string kind, string nameKey, string version)
    {
        var utf8 = Encoding.UTF8;
        var bytes = new byte[GuidLength + 3 + utf8.GetByteCount(kind) + utf8.GetByteCount(nameKey) + utf8.GetByteCount(version)];
        var rest = bytes.AsSpan();
        vaultId.TryFormat(rest, out var written, "N");
        rest = rest[written..];
        foreach (var part in (ReadOnlySpan<string>)[kind, nameKey, version])
        {
            rest[0] = (byte)'\n';
            rest = rest[(1 + utf8.GetBytes(part, rest[1..]))..];
        }

        return new ObjectAad(bytes);
    }
}
