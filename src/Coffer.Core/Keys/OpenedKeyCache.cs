using System.Collections.Concurrent;
using Coffer.Core.Keys.Cryptography;

namespace Coffer.Core.Keys;

/// <summary>
/// Unsealed key material kept between operations, so a sign or decrypt does not unseal and import the key each time.
/// This is a deliberate trade: a key in use stays decrypted in memory for a while (as in any software key store that
/// serves signatures at speed), bounded by <see cref="MaxKeys"/> opened keys and by <see cref="IdleTimeout"/> since a
/// key's last use. An entry is only ever used for the exact sealed bytes it was opened from, and the key's state
/// (enabled, key_ops, nbf/exp, deletion) is checked on every operation against the stored version, which comes from
/// <see cref="CachingKeyStore"/>: every write forgets it there, on this node and on its peers, so a change takes
/// effect at once. Deleting or purging a key also drops its entries right away. Evicted material is disposed
/// (zeroed, its RSA object freed) as soon as the last operation using it ends.
/// </summary>
public sealed class OpenedKeyCache : IDisposable
{
    public const int MaxKeys = 256;
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<(Guid Vault, string NameKey, string Version), Entry> _entries = new();
    private readonly TimeProvider _time;
    private readonly ITimer _sweeper;

    public OpenedKeyCache(TimeProvider time)
    {
        _time = time;
        var period = IdleTimeout / 5;
        _sweeper = time.CreateTimer(_ => EvictIdle(), null, period, period);
    }

    public int Count => _entries.Count;

    /// <summary>A lease on the material opened from <paramref name="sealedMaterial"/>, or null when none is cached.</summary>
    public Lease? TryRent(Guid vaultId, string nameKey, string version, ReadOnlySpan<byte> sealedMaterial)
    {
        var id = (vaultId, nameKey, version);
        if (!_entries.TryGetValue(id, out var entry))
        {
            return null;
        }

        if (!entry.Sealed.AsSpan().SequenceEqual(sealedMaterial))
        {
            // The stored material changed under this version (a restore): the old one is never used again.
            Remove(id, entry);
            return null;
        }

        if (!entry.TryAcquire())
        {
            return null;
        }

        entry.LastUse = _time.GetTimestamp();
        return new Lease(entry);
    }

    /// <summary>Takes ownership of freshly opened <paramref name="material"/>, caches it and leases it to the caller.</summary>
    public Lease Add(Guid vaultId, string nameKey, string version, byte[] sealedMaterial, KeyMaterial material)
    {
        ArgumentNullException.ThrowIfNull(sealedMaterial);
        // Two references: the cache's and the caller's lease.
        var entry = new Entry(sealedMaterial.ToArray(), material, references: 2) { LastUse = _time.GetTimestamp() };
        var id = (vaultId, nameKey, version);
        if (!_entries.TryAdd(id, entry))
        {
            // Opened concurrently by another request: this copy serves only the caller, then is disposed.
            entry.Release();
            return new Lease(entry);
        }

        while (_entries.Count > MaxKeys && EvictLeastRecentlyUsed())
        {
        }

        return new Lease(entry);
    }

    /// <summary>Drops every cached version of a key: it was deleted or purged.</summary>
    public void Evict(Guid vaultId, string nameKey)
    {
        foreach (var (id, entry) in _entries)
        {
            if (id.Vault == vaultId && id.NameKey == nameKey)
            {
                Remove(id, entry);
            }
        }
    }

    public void Dispose()
    {
        _sweeper.Dispose();
        foreach (var (id, entry) in _entries)
        {
            Remove(id, entry);
        }
    }

    internal void EvictIdle()
    {
        var now = _time.GetTimestamp();
        foreach (var (id, entry) in _entries)
        {
            if (_time.GetElapsedTime(entry.LastUse, now) >= IdleTimeout)
            {
                Remove(id, entry);
            }
        }
    }

    private bool EvictLeastRecentlyUsed()
    {
        KeyValuePair<(Guid, string, string), Entry>? oldest = null;
        foreach (var pair in _entries)
        {
            if (oldest is null || pair.Value.LastUse < oldest.Value.Value.LastUse)
            {
                oldest = pair;
            }
        }

        return oldest is { } found && Remove(found.Key, found.Value);
    }

    private bool Remove((Guid, string, string) id, Entry entry)
    {
        if (!_entries.TryRemove(new KeyValuePair<(Guid, string, string), Entry>(id, entry)))
        {
            return false;
        }

        entry.Release();
        return true;
    }

    /// <summary>Use of a cached material; disposing it ends the use (and disposes the material if it was evicted meanwhile).</summary>
    public sealed class Lease : IDisposable
    {
        private Entry? _entry;

        internal Lease(Entry entry) => _entry = entry;

        public KeyMaterial Material => (_entry ?? throw new ObjectDisposedException(nameof(Lease))).Material;

        public void Dispose() => Interlocked.Exchange(ref _entry, null)?.Release();
    }

    internal sealed class Entry
    {
        private int _references;

        public Entry(byte[] sealedMaterial, KeyMaterial material, int references)
        {
            Sealed = sealedMaterial;
            Material = material;
            _references = references;
        }

        public byte[] Sealed { get; }

        public KeyMaterial Material { get; }

        public long LastUse { get; set; }

        /// <summary>Adds a reference unless the material is already released (its count reached zero).</summary>
        public bool TryAcquire()
        {
            var current = Volatile.Read(ref _references);
            while (current > 0)
            {
                var seen = Interlocked.CompareExchange(ref _references, current + 1, current);
                if (seen == current)
                {
                    return true;
                }

                current = seen;
            }

            return false;
        }

        public void Release()
        {
            if (Interlocked.Decrement(ref _references) == 0)
            {
                Material.Dispose();
            }
        }
    }
}
