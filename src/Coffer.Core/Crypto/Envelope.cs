using System.Security.Cryptography;

namespace Coffer.Core.Crypto;

/// <summary>
/// Coffer's one ciphertext format: <c>magic(1) | version(1) | keyId(16) | nonce(12) | ciphertext | tag(16)</c>,
/// AES-256-GCM. The associated data is the header (so magic, version and key id cannot be altered) followed by
/// the caller's, which binds the ciphertext to the object it belongs to.
/// </summary>
public static class Envelope
{
    public const byte Magic = 0xC0;
    public const byte FormatVersion = 1;
    public const int KeySize = 32;
    private const int NonceSize = 12;
    internal const int TagSize = 16;
    private const int HeaderSize = 2 + 16;
    public const int Overhead = HeaderSize + NonceSize + TagSize;

    public static byte[] Seal(ReadOnlySpan<byte> key, Guid keyId, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        using var aes = new AesGcm(key, TagSize);
        return Seal(aes, keyId, plaintext, associatedData);
    }

    /// <summary>Seals with a context already opened on the key (<see cref="KeyRing.DataKey"/> keeps them).</summary>
    public static byte[] Seal(AesGcm aes, Guid keyId, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        ArgumentNullException.ThrowIfNull(aes);
        var output = new byte[Overhead + plaintext.Length];
        output[0] = Magic;
        output[1] = FormatVersion;
        keyId.TryWriteBytes(output.AsSpan(2, 16));
        var nonce = output.AsSpan(HeaderSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        var ciphertext = output.AsSpan(HeaderSize + NonceSize, plaintext.Length);
        var tag = output.AsSpan(HeaderSize + NonceSize + plaintext.Length, TagSize);
        Span<byte> aad = associatedData.Length <= 512 ? stackalloc byte[HeaderSize + associatedData.Length] : new byte[HeaderSize + associatedData.Length];
        aes.Encrypt(nonce, plaintext, ciphertext, tag, WithHeader(output, associatedData, aad));
        return output;
    }

    /// <summary>Reads the key id without decrypting, so the caller can pick the right key.</summary>
    public static Guid ReadKeyId(ReadOnlySpan<byte> envelope)
    {
        if (envelope.Length < Overhead || envelope[0] != Magic || envelope[1] != FormatVersion)
        {
            throw new CryptographicException("The data is not a Coffer envelope of a known version.");
        }

        return new Guid(envelope.Slice(2, 16));
    }

    public static byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> associatedData)
    {
        using var aes = new AesGcm(key, TagSize);
        return Open(aes, envelope, associatedData);
    }

    /// <summary>Opens with a context already opened on the key (<see cref="KeyRing.DataKey"/> keeps them).</summary>
    public static byte[] Open(AesGcm aes, ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> associatedData)
    {
        _ = ReadKeyId(envelope);
        var plaintext = new byte[envelope.Length - Overhead];
        Open(aes, envelope, associatedData, plaintext);
        return plaintext;
    }

    public static void Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> associatedData, Span<byte> plaintext)
    {
        using var aes = new AesGcm(key, TagSize);
        Open(aes, envelope, associatedData, plaintext);
    }

    private static void Open(AesGcm aes, ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> associatedData, Span<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(aes);
        _ = ReadKeyId(envelope);
        var length = envelope.Length - Overhead;
        var nonce = envelope.Slice(HeaderSize, NonceSize);
        var ciphertext = envelope.Slice(HeaderSize + NonceSize, length);
        var tag = envelope.Slice(HeaderSize + NonceSize + length, TagSize);
        Span<byte> aad = associatedData.Length <= 512 ? stackalloc byte[HeaderSize + associatedData.Length] : new byte[HeaderSize + associatedData.Length];
        aes.Decrypt(nonce, ciphertext, tag, plaintext[..length], WithHeader(envelope, associatedData, aad));
    }

    private static ReadOnlySpan<byte> WithHeader(ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> associatedData, Span<byte> buffer)
    {
        envelope[..HeaderSize].CopyTo(buffer);
        associatedData.CopyTo(buffer[HeaderSize..]);
        return buffer;
    }

    public static int PlaintextLength(ReadOnlySpan<byte> envelope) => envelope.Length - Overhead;
}
