using System.Text;

namespace Coffer.Core.Secrets;

/// <summary>
/// The plaintext layout of a secret backup (all versions with their values), before it is sealed by the
/// <see cref="KeyRing.BackupProtector"/>. Binary, versioned and private to Coffer.
/// </summary>
internal static class SecretBackupFormat
{
    private const int FormatVersion = 1;

    public static byte[] Write(string name, IReadOnlyList<(SecretVersion Version, byte[] Value)> versions)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write(name);
            writer.Write(versions.Count);
            foreach (var (v, value) in versions)
            {
                writer.Write(v.Version);
                writer.Write(v.Created.ToUnixTimeSeconds());
                writer.Write(v.Updated.ToUnixTimeSeconds());
                writer.Write(v.Enabled);
                WriteTime(writer, v.NotBefore);
                WriteTime(writer, v.Expires);
                writer.Write(v.ContentType is not null);
                writer.Write(v.ContentType ?? string.Empty);
                writer.Write(v.Tags?.Count ?? 0);
                foreach (var (key, tag) in v.Tags ?? new Dictionary<string, string>())
                {
                    writer.Write(key);
                    writer.Write(tag);
                }

                writer.Write(value.Length);
                writer.Write(value);
            }
        }

        return stream.ToArray();
    }

    /// <summary>Reads a backup; versions come back with empty ciphertext and their plaintext values beside them.</summary>
    public static (string Name, List<(SecretVersion Version, byte[] Value)> Versions) Read(byte[] data, Guid vaultId)
    {
        using var reader = new BinaryReader(new MemoryStream(data), Encoding.UTF8);
        if (reader.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException("Unknown secret backup format version.");
        }

        var name = reader.ReadString();
        var count = reader.ReadInt32();
        if (count is < 1 or > 100_000)
        {
            throw new InvalidDataException("A secret backup holds at least one version.");
        }

        var versions = new List<(SecretVersion, byte[])>(count);
        for (var i = 0; i < count; i++)
        {
            var version = reader.ReadString();
            var created = DateTimeOffset.FromUnixTimeSeconds(reader.ReadInt64());
            var updated = DateTimeOffset.FromUnixTimeSeconds(reader.ReadInt64());
            var enabled = reader.ReadBoolean();
            var notBefore = ReadTime(reader);
            var expires = ReadTime(reader);
            var hasContentType = reader.ReadBoolean();
            var contentType = reader.ReadString();
            var tagCount = reader.ReadInt32();
            Dictionary<string, string>? tags = tagCount > 0 ? new(tagCount) : null;
            for (var t = 0; t < tagCount; t++)
            {
                tags![reader.ReadString()] = reader.ReadString(); // tags is allocated whenever tagCount > 0
            }

            var value = reader.ReadBytes(reader.ReadInt32());
            versions.Add((new SecretVersion(vaultId, name, version, created, updated, enabled, notBefore, expires,
                hasContentType ? contentType : null, tags, []), value));
        }

        return (name, versions);
    }

    private static void WriteTime(BinaryWriter writer, DateTimeOffset? time)
    {
        writer.Write(time.HasValue);
        writer.Write(time?.ToUnixTimeSeconds() ?? 0);
    }

    private static DateTimeOffset? ReadTime(BinaryReader reader)
    {
        var has = reader.ReadBoolean();
        var seconds = reader.ReadInt64();
        return has ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
    }
}
