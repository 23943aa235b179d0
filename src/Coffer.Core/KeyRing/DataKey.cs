using System.Collections.Concurrent;
using System.Security.Cryptography;
using Coffer.Core.Crypto;

namespace Coffer.Core.KeyRing;

/// <summary>A vault's data-encryption key, unwrapped, as held in memory, with the AES-GCM contexts opened on it.</summary>
/// <remarks>
/// Opening a context (OpenSSL's cipher lookup and key schedule) cost more than decrypting a secret's value, on every
/// GET; so the contexts are kept, one per thread that used the key, each used by one thread at a time.
/// </remarks>
public sealed class DataKey(Guid id, Guid vaultId, byte[] key)
{
    private readonly ConcurrentBag<AesGcm> _ciphers = [];

    public Guid Id { get; } = id;

    public Guid VaultId { get; } = vaultId;

    public byte[] Key { get; } = key;

    public byte[] Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var cipher = Rent();
        try
        {
            return Envelope.Seal(cipher, Id, plaintext, associatedData);
        }
        finally
        {
            _ciphers.Add(cipher);
        }
    }

    public byte[] Open(ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> associatedData)
    {
        var cipher = Rent();
        try
        {
            return Envelope.Open(cipher, envelope, associatedData);
        }
        finally
        {
            // A failed open (a wrong tag) leaves the context as it was: every operation starts from its own nonce.
            _ciphers.Add(cipher);
        }
    }

    private AesGcm Rent() => _ciphers.TryTake(out var cipher) ? cipher : new AesGcm(Key, Envelope.TagSize);
}
