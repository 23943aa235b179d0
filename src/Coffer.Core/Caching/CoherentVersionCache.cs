using Coffer.Core.Abstractions;

namespace Coffer.Core.Caching;

/// <summary>
/// A <see cref="StoredVersionCache{TVersion}"/> kept coherent with the store and across nodes: a read goes to the store
/// only on a miss, and a write forgets the name after it, here and, through the change feed, on every other node (which
/// forget it when they hear of it). The caching stores (<c>CachingSecretStore</c>, <c>CachingKeyStore</c>) route every
/// read and write of their kind through one of these.
/// </summary>
internal sealed class CoherentVersionCache<TVersion>
    where TVersion : class
{
    private readonly StoredVersionCache<TVersion> _cache;
    private readonly IChangeFeed _feed;
    private readonly string _kind;

    /// <param name="cache">The versions held.</param>
    /// <param name="feed">Where this node tells its peers of a write, and hears of theirs.</param>
    /// <param name="kind">The feed's kind for this object kind; its key is <see cref="ObjectChangeKey"/>.</param>
    public CoherentVersionCache(StoredVersionCache<TVersion> cache, IChangeFeed feed, string kind)
    {
        _cache = cache;
        _feed = feed;
        _kind = kind;
        _feed.Subscribe(kind, key =>
        {
            if (key is null)
            {
                _cache.ForgetAll();
            }
            else if (ObjectChangeKey.TryParse(key, out var vaultId, out var nameKey))
            {
                _cache.Forget(vaultId, nameKey);
            }
        });
    }

    /// <summary>The cached version, or what <paramref name="read"/> returns from the store (then cached, unless a write came between).</summary>
    public ValueTask<TVersion?> GetAsync(
        Guid vaultId, string nameKey, string? version, Func<Guid, string, string?, CancellationToken, ValueTask<TVersion?>> read, CancellationToken cancellationToken) =>
        _cache.TryGet(vaultId, nameKey, version, out var cached) ? ValueTask.FromResult<TVersion?>(cached) : ReadAsync(vaultId, nameKey, version, read, cancellationToken);

    /// <summary>
    /// Runs a write, then forgets the name here and tells the other nodes, even when the write failed (it may yet have
    /// committed) and even when the caller has gone (the change is made; the peers must hear of it).
    /// </summary>
    public async Task<T> AfterWriteAsync<T>(Guid vaultId, string nameKey, Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        finally
        {
            _cache.Forget(vaultId, nameKey);
            await _feed.PublishAsync(_kind, ObjectChangeKey.Format(vaultId, nameKey), CancellationToken.None);
        }
    }

    private async ValueTask<TVersion?> ReadAsync(
        Guid vaultId, string nameKey, string? version, Func<Guid, string, string?, CancellationToken, ValueTask<TVersion?>> read, CancellationToken cancellationToken)
    {
        var generation = _cache.Generation(vaultId, nameKey);
        var stored = await read(vaultId, nameKey, version, cancellationToken);
        if (stored is not null)
        {
            _cache.Add(vaultId, nameKey, version, stored, generation);
        }

        return stored;
    }
}
