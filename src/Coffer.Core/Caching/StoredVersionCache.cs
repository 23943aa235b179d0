using System.Collections.Concurrent;

namespace Coffer.Core.Caching;

/// <summary>
/// Stored object versions (secrets, keys) by (vault id, name key, version or latest), so a read of a version just served
/// does no I/O. It holds exactly what the store returns: values and key material are still sealed with the vault's
/// data key, never plaintext.
/// <para>
/// Each name has a generation (names share a fixed array of stripes, so memory does not grow with the names seen): an
/// entry records the generation it was read under and counts only while that is still current. Forgetting a name bumps
/// its generation, which drops every version of it at once, and a read that began before a write cannot put the old
/// value back afterwards: it was read under the old generation.
/// </para>
/// <para>
/// Bounded by entries and by bytes (a secret value may be up to 25 KB, so a count alone would not bound memory; each
/// version's weight comes from the store that uses the cache). When either is
/// reached, a sweep removes the entries not read since the previous sweep (second chance), then any others until an
/// eighth of the room is free.
/// </para>
/// </summary>
internal sealed class StoredVersionCache<TVersion>
    where TVersion : class
{
    /// <summary>Far more than the objects a deployment's applications read over and over; 4 MiB at a typical 1 KB each.</summary>
    public const int DefaultCapacity = 4096;

    /// <summary>Caps the worst case (4,096 values near the 25 KB limit would be 100 MiB), keeping the server's memory small.</summary>
    public const long DefaultByteBudget = 16 * 1024 * 1024;

    // Stripes of name generations; two names sharing one only forget each other's entries more often.
    private const int Stripes = 1024;

    /// <summary>What an entry costs besides its ciphertext and strings: the record, the key, the entry and the dictionary node.</summary>
    public const int EntryOverhead = 256;

    private readonly ConcurrentDictionary<Key, Entry> _entries = new();
    private readonly long[] _generations = new long[Stripes];
    private readonly Lock _sweeping = new();
    private readonly Func<TVersion, int> _weightOf;
    private readonly int _capacity;
    private readonly long _byteBudget;
    private int _count;
    private long _bytes;

    /// <param name="weightOf">A version's bytes in memory, <see cref="EntryOverhead"/> included.</param>
    /// <param name="capacity">Most versions held.</param>
    /// <param name="byteBudget">Most bytes held, by <paramref name="weightOf"/>.</param>
    public StoredVersionCache(Func<TVersion, int> weightOf, int capacity = DefaultCapacity, long byteBudget = DefaultByteBudget)
    {
        ArgumentNullException.ThrowIfNull(weightOf);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 8);
        ArgumentOutOfRangeException.ThrowIfLessThan(byteBudget, EntryOverhead * 8L);
        _weightOf = weightOf;
        _capacity = capacity;
        _byteBudget = byteBudget;
    }

    public int Count => Volatile.Read(ref _count);

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>The name's current generation; read it before reading the store, and hand it to <see cref="Add"/>.</summary>
    public long Generation(Guid vaultId, string nameKey) => Volatile.Read(ref _generations[Stripe(vaultId, nameKey)]);

    public bool TryGet(Guid vaultId, string nameKey, string? version, out TVersion stored)
    {
        var key = new Key(vaultId, nameKey, version);
        if (_entries.TryGetValue(key, out var entry))
        {
            if (entry.Generation == Generation(vaultId, nameKey))
            {
                if (!entry.Used)
                {
                    entry.Used = true;
                }

                stored = entry.Stored;
                return true;
            }

            Remove(key, entry);
        }

        stored = null!;
        return false;
    }

    /// <summary>Caches what the store returned, unless the name changed since <paramref name="generation"/> was read or there is no room.</summary>
    public void Add(Guid vaultId, string nameKey, string? version, TVersion stored, long generation)
    {
        if (Generation(vaultId, nameKey) != generation || !MakeRoom())
        {
            return;
        }

        var key = new Key(vaultId, nameKey, version);
        var entry = new Entry(stored, generation, _weightOf(stored));
        if (_entries.TryGetValue(key, out var existing))
        {
            // Only a stale entry is replaced; a current one holds what this read found.
            if (existing.Generation == generation)
            {
                return;
            }

            Remove(key, existing);
        }

        if (_entries.TryAdd(key, entry))
        {
            Interlocked.Increment(ref _count);
            Interlocked.Add(ref _bytes, entry.Weight);
        }
    }

    /// <summary>Forgets every version of a name: its generation moves on, and its latest is released at once.</summary>
    public void Forget(Guid vaultId, string nameKey)
    {
        Interlocked.Increment(ref _generations[Stripe(vaultId, nameKey)]);
        var latest = new Key(vaultId, nameKey, null);
        if (_entries.TryGetValue(latest, out var entry))
        {
            Remove(latest, entry);
        }
    }

    /// <summary>Forgets everything (a peer's change may have been missed).</summary>
    public void ForgetAll()
    {
        for (var i = 0; i < Stripes; i++)
        {
            Interlocked.Increment(ref _generations[i]);
        }

        foreach (var (key, entry) in _entries)
        {
            Remove(key, entry);
        }
    }

    private bool MakeRoom()
    {
        if (Count < _capacity && Bytes < _byteBudget)
        {
            return true;
        }

        // One sweep at a time; a read that finds one running is served without caching.
        if (!_sweeping.TryEnter())
        {
            return false;
        }

        try
        {
            Sweep();
            return Count < _capacity && Bytes < _byteBudget;
        }
        finally
        {
            _sweeping.Exit();
        }
    }

    private void Sweep()
    {
        foreach (var (key, entry) in _entries)
        {
            if (!entry.Used || entry.Generation != Generation(key.VaultId, key.NameKey))
            {
                Remove(key, entry);
            }
            else
            {
                entry.Used = false;
            }
        }

        var countTarget = _capacity - (_capacity / 8);
        var byteTarget = _byteBudget - (_byteBudget / 8);
        foreach (var (key, entry) in _entries)
        {
            if (Count <= countTarget && Bytes <= byteTarget)
            {
                break;
            }

            Remove(key, entry);
        }
    }

    private void Remove(Key key, Entry entry)
    {
        if (_entries.TryRemove(new KeyValuePair<Key, Entry>(key, entry)))
        {
            Interlocked.Decrement(ref _count);
            Interlocked.Add(ref _bytes, -entry.Weight);
        }
    }

    private static int Stripe(Guid vaultId, string nameKey) => (int)((uint)HashCode.Combine(vaultId, nameKey) % Stripes);

    private readonly record struct Key(Guid VaultId, string NameKey, string? Version);

    private sealed class Entry(TVersion stored, long generation, int weight)
    {
        public TVersion Stored { get; } = stored;

        public long Generation { get; } = generation;

        public int Weight { get; } = weight;

        /// <summary>Read again since it was added or since the last sweep: a version read once is the first to go.</summary>
        public bool Used { get; set; }
    }
}
