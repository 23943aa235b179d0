using System.Security.Cryptography;
using System.Text;
using Coffer.Core.Crypto;

namespace Coffer.Core.KeyRing;

/// <summary>
/// The key-encryption key at the top of the ring. It never encrypts data directly: it wraps per-vault data keys,
/// the token signing keys and the local CA's private key, and derives the backup key.
/// </summary>
public sealed class RootKey : IDisposable
{
    private readonly byte[] _key;

    public RootKey(ReadOnlySpan<byte> key, string source)
    {
        if (key.Length != Envelope.KeySize)
        {
            throw new ArgumentException($"A root key is {Envelope.KeySize} bytes.", nameof(key));
        }

        _key = key.ToArray();
        Source = source;
        // The id is a fingerprint, so a wrong root key is reported as such instead of as corrupt data.
        var hash = SHA256.HashData(_key);
        Id = new Guid(hash.AsSpan(0, 16));
    }

    /// <summary>Where the key came from ("file", "environment"), for the startup warning.</summary>
    public string Source { get; }

    public Guid Id { get; }

    public static byte[] Generate() => RandomNumberGenerator.GetBytes(Envelope.KeySize);

    public byte[] Wrap(ReadOnlySpan<byte> plaintext, string purpose) =>
        Envelope.Seal(_key, Id, plaintext, Encoding.UTF8.GetBytes(purpose));

    public byte[] Unwrap(ReadOnlySpan<byte> wrapped, string purpose)
    {
        if (Envelope.ReadKeyId(wrapped) != Id)
        {
            throw new CryptographicException("The data was wrapped by a different root key than the one loaded.");
        }

        return Envelope.Open(_key, wrapped, Encoding.UTF8.GetBytes(purpose));
    }

    /// <summary>Derives a separate key for one purpose (for example backup blobs) so the root key is used for wrapping only.</summary>
    public byte[] DeriveKey(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, Envelope.KeySize, info: Encoding.UTF8.GetBytes(purpose));

    public void Dispose() => CryptographicOperations.ZeroMemory(_key);
}
