using System.Text;
using Coffer.Core.Keys.Cryptography;

namespace Coffer.Core.Keys;

/// <summary>
/// The plaintext layout of a key backup (every version with its private material, and the rotation policy), before it
/// is sealed by the <see cref="KeyRing.BackupProtector"/>. Binary, versioned and private to Coffer.
/// </summary>
internal static class KeyBackupFormat
{
    private const int FormatVersion = 1;

    public static byte[] Write(string name, KeyRotationPolicy? policy, IReadOnlyList<(KeyVersion Version, byte[] Material)> versions)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write(name);
            WritePolicy(writer, policy);
            writer.Write(versions.Count);
            foreach (var (v, material) in versions)
            {
                writer.Write(v.Version);
                writer.Write(v.KeyType);
                writer.Write(v.KeySize);
                writer.Write(string.Join(',', v.KeyOps));
                writer.Write(v.Created.ToUnixTimeSeconds());
                writer.Write(v.Updated.ToUnixTimeSeconds());
                writer.Write(v.Enabled);
                WriteTime(writer, v.NotBefore);
                WriteTime(writer, v.Expires);
                writer.Write(v.Tags?.Count ?? 0);
                foreach (var (key, tag) in v.Tags ?? new Dictionary<string, string>())
                {
                    writer.Write(key);
                    writer.Write(tag);
                }

                WriteBytes(writer, v.PublicKey.N);
                WriteBytes(writer, v.PublicKey.E);
                WriteString(writer, v.PublicKey.Curve);
                WriteBytes(writer, v.PublicKey.X);
                WriteBytes(writer, v.PublicKey.Y);
                WriteBytes(writer, material);
            }
        }

        return stream.ToArray();
    }

    /// <summary>Reads a backup; versions come back with empty sealed material and their private material beside them.</summary>
    public static (string Name, KeyRotationPolicy? Policy, List<(KeyVersion Version, byte[] Material)> Versions) Read(byte[] data, Guid vaultId)
    {
        using var reader = new BinaryReader(new MemoryStream(data), Encoding.UTF8);
        if (reader.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException("Unknown key backup format version.");
        }

        var name = reader.ReadString();
        var policy = ReadPolicy(reader);
        var count = reader.ReadInt32();
        if (count is < 1 or > 100_000)
        {
            throw new InvalidDataException("A key backup holds at least one version.");
        }

        var versions = new List<(KeyVersion, byte[])>(count);
        for (var i = 0; i < count; i++)
        {
            var version = reader.ReadString();
            var keyType = reader.ReadString();
            var keySize = reader.ReadInt32();
            var keyOps = reader.ReadString().Split(',', StringSplitOptions.RemoveEmptyEntries);
            var created = DateTimeOffset.FromUnixTimeSeconds(reader.ReadInt64());
            var updated = DateTimeOffset.FromUnixTimeSeconds(reader.ReadInt64());
            var enabled = reader.ReadBoolean();
            var notBefore = ReadTime(reader);
            var expires = ReadTime(reader);
            var tagCount = reader.ReadInt32();
            Dictionary<string, string>? tags = tagCount > 0 ? new(tagCount) : null;
            for (var t = 0; t < tagCount; t++)
            {
                tags![reader.ReadString()] = reader.ReadString(); // tags is allocated whenever tagCount > 0
            }

            var publicKey = new PublicKeyParts(ReadBytes(reader), ReadBytes(reader), ReadString(reader), ReadBytes(reader), ReadBytes(reader));
            var material = ReadBytes(reader) ?? throw new InvalidDataException("A key backup version has no material.");
            versions.Add((new KeyVersion(vaultId, name, version, keyType, keySize, keyOps, created, updated, enabled, notBefore, expires, tags, publicKey, []), material));
        }

        return (name, policy, versions);
    }

    private static void WritePolicy(BinaryWriter writer, KeyRotationPolicy? policy)
    {
        writer.Write(policy is not null);
        if (policy is null)
        {
            return;
        }

        WriteString(writer, policy.ExpiryTime);
        WriteTime(writer, policy.Created);
        WriteTime(writer, policy.Updated);
        writer.Write(policy.LifetimeActions.Count);
        foreach (var action in policy.LifetimeActions)
        {
            writer.Write(action.Type);
            WriteString(writer, action.TimeAfterCreate);
            WriteString(writer, action.TimeBeforeExpiry);
        }
    }

    private static KeyRotationPolicy? ReadPolicy(BinaryReader reader)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }

        var expiryTime = ReadString(reader);
        var created = ReadTime(reader);
        var updated = ReadTime(reader);
        var count = reader.ReadInt32();
        if (count is < 0 or > 16)
        {
            throw new InvalidDataException("A rotation policy holds at most a few actions.");
        }

        var actions = new List<LifetimeAction>(count);
        for (var i = 0; i < count; i++)
        {
            actions.Add(new LifetimeAction(reader.ReadString(), ReadString(reader), ReadString(reader)));
        }

        return new KeyRotationPolicy(actions, expiryTime, created, updated);
    }

    private static void WriteBytes(BinaryWriter writer, byte[]? bytes)
    {
        writer.Write(bytes?.Length ?? -1);
        if (bytes is not null)
        {
            writer.Write(bytes);
        }
    }

    private static byte[]? ReadBytes(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        return length < 0 ? null : reader.ReadBytes(length);
    }

    private static void WriteString(BinaryWriter writer, string? text)
    {
        writer.Write(text is not null);
        writer.Write(text ?? string.Empty);
    }

    private static string? ReadString(BinaryReader reader)
    {
        var has = reader.ReadBoolean();
        var text = reader.ReadString();
        return has ? text : null;
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
