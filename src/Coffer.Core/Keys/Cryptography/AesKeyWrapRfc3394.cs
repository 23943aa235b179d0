using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Coffer.Core.Keys.Cryptography;

/// <summary>
/// AES key wrap (RFC 3394, section 2.2.1 and 2.2.2, with the default initial value A6A6A6A6A6A6A6A6): .NET has none
/// built in. Each step is one AES block operation on A ‖ R[i], done with ECB on a single block.
/// </summary>
internal static class AesKeyWrapRfc3394
{
    private const ulong DefaultIv = 0xA6A6A6A6A6A6A6A6;
    private const int Steps = 6;

    /// <summary>Wraps n ≥ 2 64-bit blocks into n + 1.</summary>
    public static byte[] Wrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> plaintext)
    {
        var n = plaintext.Length / 8;
        var output = new byte[plaintext.Length + 8];
        plaintext.CopyTo(output.AsSpan(8));
        var a = DefaultIv;
        Span<byte> block = stackalloc byte[16];
        using var aes = Aes.Create();
        aes.Key = kek.ToArray();
        try
        {
            for (var j = 0; j < Steps; j++)
            {
                for (var i = 1; i <= n; i++)
                {
                    var r = output.AsSpan(i * 8, 8);
                    BinaryPrimitives.WriteUInt64BigEndian(block, a);
                    r.CopyTo(block[8..]);
                    aes.EncryptEcb(block, block, PaddingMode.None);
                    a = BinaryPrimitives.ReadUInt64BigEndian(block) ^ (ulong)((n * j) + i);
                    block[8..].CopyTo(r);
                }
            }

            BinaryPrimitives.WriteUInt64BigEndian(output, a);
            return output;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(block);
        }
    }

    /// <summary>Unwraps n + 1 blocks into n, or returns null when the integrity check fails (wrong key or tampered data).</summary>
    public static byte[]? Unwrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> ciphertext)
    {
        var n = (ciphertext.Length / 8) - 1;
        var output = ciphertext[8..].ToArray();
        var a = BinaryPrimitives.ReadUInt64BigEndian(ciphertext);
        Span<byte> block = stackalloc byte[16];
        using var aes = Aes.Create();
        aes.Key = kek.ToArray();
        try
        {
            for (var j = Steps - 1; j >= 0; j--)
            {
                for (var i = n; i >= 1; i--)
                {
                    var r = output.AsSpan((i - 1) * 8, 8);
                    BinaryPrimitives.WriteUInt64BigEndian(block, a ^ (ulong)((n * j) + i));
                    r.CopyTo(block[8..]);
                    aes.DecryptEcb(block, block, PaddingMode.None);
                    a = BinaryPrimitives.ReadUInt64BigEndian(block);
                    block[8..].CopyTo(r);
                }
            }

            // Compare without branching on secret-dependent data.
            Span<byte> check = stackalloc byte[8];
            Span<byte> expected = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(check, a);
            BinaryPrimitives.WriteUInt64BigEndian(expected, DefaultIv);
            if (CryptographicOperations.FixedTimeEquals(check, expected))
            {
                return output;
            }

            CryptographicOperations.ZeroMemory(output);
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(block);
        }
    }
}
