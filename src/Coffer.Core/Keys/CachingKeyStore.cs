using Coffer.Core.Abstractions;
using Coffer.Core.Caching;
using Coffer.Core.Cluster;

namespace Coffer.Core.Keys;

/// <summary>
/// The key store behind a <see cref="StoredVersionCache{TVersion}"/>: a sign, verify or decrypt with a key just used
/// reads no row. Every write goes through this class, so this is the one place a name is forgotten: after each write
/// here, and whenever another node reports one over the change feed (<see cref="ChangeKinds.Key"/>). The cache holds
/// what the store returns, the private material still sealed; <see cref="OpenedKeyCache"/> is what keeps it unsealed.
/// </summary>
internal sealed class CachingKeyStore : IKeyStore
{
    private readonly IKeyStore _inner;
    private readonly StoredVersionCache<KeyVersion> _cache;
    private readonly IChangeFeed _feed;

    public CachingKeyStore(IKeyStore inner, StoredVersionCache<KeyVersion> cache, IChangeFeed feed)
    {
        _inner = inner;
        _cache = cache;
        _feed = feed;
        _feed.Subscribe(ChangeKinds.Key, key =>
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

    public ValueTask<KeyVersion?> GetAsync(Guid vaultId, string nameKey, string? version, CancellationToken cancellationToken) =>
        _cache.TryGet(vaultId, nameKey, version, out var cached) ? ValueTask.FromResult<KeyVersion?>(cached) : ReadAsync(vaultId, nameKey, version, cancellationToken);

    public async Task<KeyVersion?> AddVersionAsync(KeyVersion version, string? ifLatest, CancellationToken cancellationToken)
    {
        try
        {
            return await _inner.AddVersionAsync(version, ifLatest, cancellationToken);
        }
        finally
        {
            await ChangedAsync(version.VaultId, version.NameKey);
        }
    }

    public async Task<KeyVersion?> UpdateAsync(Guid vaultId, string nameKey, string? version, KeyChanges changes, DateTimeOffset updated, CancellationToken cancellationToken)
    {
        try
        {
            return await _inner.UpdateAsync(vaultId, nameKey, version, changes, updated, cancellationToken);
        }
        finally
        {
            await ChangedAsync(vaultId, nameKey);
        }
    }

    public Task<IReadOnlyList<KeyVersion>> ListAsync(Guid vaultId, string? afterNameKey, int take, CancellationToken cancellationToken) =>
        _inner.ListAsync(vaultId, afterNameKey, take, cancellationToken);

    public Task<IReadOnlyList<KeyVersion>> ListVersionsAsync(Guid vaultId, string nameKey, long afterSequence, int take, CancellationToken cancellationToken) =>
        _inner.ListVersionsAsync(vaultId, nameKey, afterSequence, take, cancellationToken);

    public async Task<DeletedKey?> DeleteAsync(Guid vaultId, string nameKey, DateTimeOffset deletedOn, DateTimeOffset scheduledPurge, CancellationToken cancellationToken)
    {
        try
        {
            return await _inner.DeleteAsync(vaultId, nameKey, deletedOn, scheduledPurge, cancellationToken);
        }
        finally
        {
            await ChangedAsync(vaultId, nameKey);
        }
    }

    public Task<DeletedKey?> GetDeletedAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken) =>
        _inner.GetDeletedAsync(vaultId, nameKey, cancellationToken);

    public Task<IReadOnlyList<DeletedKey>> ListDeletedAsync(Guid vaultId, string? afterNameKey, int take, CancellationToken cancellationToken) =>
        _inner.ListDeletedAsync(vaultId, afterNameKey, take, cancellationToken);

    public async Task<KeyVersion?> RecoverAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken)
    {
        try
        {
            return await _inner.RecoverAsync(vaultId, nameKey, cancellationToken);
        }
        finally
        {
            await ChangedAsync(vaultId, nameKey);
        }
    }

    public async Task<bool> PurgeAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken)
    {
        try
        {
            return await _inner.PurgeAsync(vaultId, nameKey, cancellationToken);
        }
        finally
        {
            await ChangedAsync(vaultId, nameKey);
        }
    }

    /// <summary>
    /// Needs no forgetting: it removes only soft-deleted keys, which a read never returns, so none is cached (their
    /// delete forgot them), and it cannot name what it removed without another read.
    /// </summary>
    public Task<int> PurgeDueAsync(DateTimeOffset now, CancellationToken cancellationToken) => _inner.PurgeDueAsync(now, cancellationToken);

    public Task<IReadOnlyList<KeyVersion>> GetAllVersionsAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken) =>
        _inner.GetAllVersionsAsync(vaultId, nameKey, cancellationToken);

    public async Task<bool> RestoreAsync(IReadOnlyList<KeyVersion> versions, KeyRotationPolicy? policy, CancellationToken cancellationToken)
    {
        try
        {
            return await _inner.RestoreAsync(versions, policy, cancellationToken);
        }
        finally
        {
            if (versions.Count > 0)
            {
                await ChangedAsync(versions[0].VaultId, versions[0].NameKey);
            }
        }
    }

    public Task<KeyRotationPolicy?> GetRotationPolicyAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken) =>
        _inner.GetRotationPolicyAsync(vaultId, nameKey, cancellationToken);

    /// <summary>A policy is not part of a version, so nothing cached changes.</summary>
    public Task<bool> SetRotationPolicyAsync(Guid vaultId, string nameKey, KeyRotationPolicy policy, CancellationToken cancellationToken) =>
        _inner.SetRotationPolicyAsync(vaultId, nameKey, policy, cancellationToken);

    public Task<IReadOnlyList<(KeyVersion Latest, KeyRotationPolicy Policy)>> ListWithRotationPolicyAsync(CancellationToken cancellationToken) =>
        _inner.ListWithRotationPolicyAsync(cancellationToken);

    public Task<bool> AddNotificationAsync(KeyNotification notification, CancellationToken cancellationToken) =>
        _inner.AddNotificationAsync(notification, cancellationToken);

    public Task<IReadOnlyList<KeyNotification>> ListNotificationsAsync(long afterSequence, int take, CancellationToken cancellationToken) =>
        _inner.ListNotificationsAsync(afterSequence, take, cancellationToken);

    /// <summary>A version's weight in the cache: its sealed material, public parts, strings and tags.</summary>
    internal static int WeightOf(KeyVersion key)
    {
        var publicKey = key.PublicKey;
        var weight = StoredVersionCache<KeyVersion>.EntryOverhead + key.SealedMaterial.Length
            + (publicKey.N?.Length ?? 0) + (publicKey.E?.Length ?? 0) + (publicKey.X?.Length ?? 0) + (publicKey.Y?.Length ?? 0)
            + (2 * (key.Name.Length + key.Version.Length + key.KeyType.Length)) + (32 * key.KeyOps.Count);
        if (key.Tags is { } tags)
        {
            foreach (var (name, value) in tags)
            {
                weight += 64 + (2 * (name.Length + value.Length));
            }
        }

        return weight;
    }

    private async ValueTask<KeyVersion?> ReadAsync(Guid vaultId, string nameKey, string? version, CancellationToken cancellationToken)
    {
        var generation = _cache.Generation(vaultId, nameKey);
        var key = await _inner.GetAsync(vaultId, nameKey, version, cancellationToken);
        if (key is not null)
        {
            _cache.Add(vaultId, nameKey, version, key, generation);
        }

        return key;
    }

    /// <summary>
    /// After a write (even a failed one, which may yet have committed): forgets the name here and tells the other nodes,
    /// even when the caller has gone (the change is made; the peers must hear of it).
    /// </summary>
    private async Task ChangedAsync(Guid vaultId, string nameKey)
    {
        _cache.Forget(vaultId, nameKey);
        await _feed.PublishAsync(ChangeKinds.Key, ObjectChangeKey.Format(vaultId, nameKey), CancellationToken.None);
    }
}
