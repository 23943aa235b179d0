using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Coffer.Core.Keys.Cryptography;

// The private serialization: version | type | curve | field count | (length:u32 big-endian | bytes)*. It is sealed by
// the envelope before it is stored, so it carries no integrity check of its own; Import still refuses anything that is
// not exactly what Export writes, so a bug elsewhere cannot produce a half-valid key.
public sealed partial class KeyMaterial
{
    private const byte FormatVersion = 1;
    private const int HeaderSize = 4;

    private static readonly string[] CurveCodes = [string.Empty, KeyTypes.P256, KeyTypes.P256K, KeyTypes.P384, KeyTypes.P521];

    /// <summary>The private material in Coffer's versioned format, for the envelope to seal. Never log it.</summary>
    public byte[] Export()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var size = HeaderSize + _fields.Sum(field => sizeof(uint) + field.Length);
        var result = new byte[size];
        result[0] = FormatVersion;
        result[1] = TypeCode(KeyType);
        result[2] = (byte)Math.Max(0, Array.IndexOf(CurveCodes, Curve ?? string.Empty));
        result[3] = (byte)_fields.Length;
        var offset = HeaderSize;
        foreach (var field in _fields)
        {
            BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(offset), (uint)field.Length);
            field.CopyTo(result, offset + sizeof(uint));
            offset += sizeof(uint) + field.Length;
        }

        return result;
    }

    /// <summary>Reads what <see cref="Export"/> wrote; anything else throws <see cref="InvalidDataException"/>.</summary>
    public static KeyMaterial Import(ReadOnlySpan<byte> exported)
    {
        if (exported.Length < HeaderSize || exported[0] != FormatVersion)
        {
            throw Invalid();
        }

        var keyType = exported[1] switch
        {
            1 => KeyTypes.Rsa,
            2 => KeyTypes.Ec,
            3 => KeyTypes.Oct,
            _ => throw Invalid(),
        };
        var curve = exported[2] < CurveCodes.Length ? CurveCodes[exported[2]] : throw Invalid();
        var fields = ReadFields(exported[HeaderSize..], exported[3]);
        try
        {
            return Validate(keyType, curve, fields);
        }
        catch
        {
            foreach (var field in fields)
            {
                CryptographicOperations.ZeroMemory(field);
            }

            throw;
        }
    }

    private static byte[][] ReadFields(ReadOnlySpan<byte> data, int count)
    {
        var fields = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            if (data.Length < sizeof(uint))
            {
                throw Invalid();
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(data);
            data = data[sizeof(uint)..];
            if (length > (uint)data.Length)
            {
                throw Invalid();
            }

            fields[i] = data[..(int)length].ToArray();
            data = data[(int)length..];
        }

        return data.IsEmpty ? fields : throw Invalid();
    }

    private static KeyMaterial Validate(string keyType, string curve, byte[][] fields)
    {
        switch (keyType)
        {
            case KeyTypes.Rsa when curve.Length == 0 && fields.Length == 8:
                var half = (fields[0].Length + 1) / 2;
                var shaped = fields[1].Length > 0 && fields[2].Length == fields[0].Length && fields[3..].All(field => field.Length == half);
                return shaped ? new KeyMaterial(keyType, null, BitLength(fields[0]), fields) : throw Invalid();
            case KeyTypes.Ec when curve.Length > 0 && fields.Length == 3:
                var size = KeyTypes.CurveBytes(curve);
                return fields.All(field => field.Length == size) ? new KeyMaterial(keyType, curve, KeyTypes.CurveBits(curve), fields) : throw Invalid();
            case KeyTypes.Oct when curve.Length == 0 && fields.Length == 1 && fields[0].Length is 16 or 24 or 32:
                return new KeyMaterial(keyType, null, fields[0].Length * 8, fields);
            default:
                throw Invalid();
        }
    }

    private static byte TypeCode(string keyType) => keyType switch
    {
        KeyTypes.Rsa => 1,
        KeyTypes.Ec => 2,
        _ => 3,
    };

    private static InvalidDataException Invalid() => new("The data is not key material exported by this version of Coffer.");
}
