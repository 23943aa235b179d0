using Coffer.Core.Abstractions;
using Coffer.Core.Caching;
using Coffer.Core.Cluster;

namespace Coffer.Core.Keys;

/// <summary>
/// The key store behind a <see cref="CoherentVersionCache{TVersion}"/>: a sign, verify or decrypt with a key just used
/// reads no row. Every write goes through this class and forgets the name after it, here and on the other nodes
/// (<see cref="ChangeKinds.Key"/>). The cache holds what the store returns, the private material still sealed;
/// <see cref="OpenedKeyCache"/> is what keeps it unsealed.
/// </summary>
internal sealed class CachingKeyStore : IKeyStore
{
    private readonly IKeyStore _inner;
    private readonly CoherentVersionCache<KeyVersion> _versions;
    private readonly Func<Guid, string, string?, CancellationToken, ValueTask<KeyVersion?>> _read;

    public CachingKeyStore(IKeyStore inner, StoredVersionCache<KeyVersion> cache, IChangeFeed feed)
    {
        _inner = inner;
        _versions = new(cache, feed, ChangeKinds.Key);
        _read = inner.GetAsync;
    }

    public ValueTask<KeyVersion?> GetAsync(Guid vaultId, string nameKey, string? version, CancellationToken cancellationToken) =>
        _versions.GetAsync(vaultId, nameKey, version, _read, cancellationToken);

    public Task<KeyVersion?> AddVersionAsync(KeyVersion version, string? ifLatest, CancellationToken cancellationToken) =>
        _versions.AfterWriteAsync(version.VaultId, version.NameKey, () => _inner.AddVersionAsync(version, ifLatest, cancellationToken));

    public Task<KeyVersion?> UpdateAsync(Guid vaultId, string nameKey, string? version, KeyChanges changes, DateTimeOffset updated, CancellationToken cancellationToken) =>
        _versions.AfterWriteAsync(vaultId, nameKey, () => _inner.UpdateAsync(vaultId, nameKey, version, changes, updated, cancellationToken));

    public Task<IReadOnlyList<KeyVersion>> ListAsync(Guid vaultId, string? afterNameKey, int take, CancellationToken cancellationToken) =>
        _inner.ListAsync(vaultId, afterNameKey, take, cancellationToken);

    public Task<IReadOnlyList<KeyVersion>> ListVersionsAsync(Guid vaultId, string nameKey, long afterSequence, int take, CancellationToken cancellationToken) =>
        _inner.ListVersionsAsync(vaultId, nameKey, afterSequence, take, cancellationToken);

    public Task<DeletedKey?> DeleteAsync(Guid vaultId, string nameKey, DateTimeOffset deletedOn, DateTimeOffset scheduledPurge, CancellationToken cancellationToken) =>
        _versions.AfterWriteAsync(vaultId, nameKey, () => _inner.DeleteAsync(vaultId, nameKey, deletedOn, scheduledPurge, cancellationToken));

    public Task<DeletedKey?> GetDeletedAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken) =>
        _inner.GetDeletedAsync(vaultId, nameKey, cancellationToken);

    public Task<IReadOnlyList<DeletedKey>> ListDeletedAsync(Guid vaultId, string? afterNameKey, int take, CancellationToken cancellationToken) =>
        _inner.ListDeletedAsync(vaultId, afterNameKey, take, cancellationToken);

    public Task<KeyVersion?> RecoverAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken) =>
        _versions.AfterWriteAsync(vaultId, nameKey, () => _inner.RecoverAsync(vaultId, nameKey, cancellationToken));

    public Task<bool> PurgeAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken) =>
        _versions.AfterWriteAsync(vaultId, nameKey, () => _inner.PurgeAsync(vaultId, nameKey, cancellationToken));

    /// <summary>
    /// Needs no forgetting: it removes only soft-deleted keys, which a read never returns, so none is cached (their
    /// delete forgot them), and it cannot name what it removed without another read.
    /// </summary>
    public Task<int> PurgeDueAsync(DateTimeOffset now, CancellationToken cancellationToken) => _inner.PurgeDueAsync(now, cancellationToken);

    public Task<IReadOnlyList<KeyVersion>> GetAllVersionsAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken) =>
        _inner.GetAllVersionsAsync(vaultId, nameKey, cancellationToken);

    /// <summary>Forgets the restored name (a restore of no versions writes nothing).</summary>
    public Task<bool> RestoreAsync(IReadOnlyList<KeyVersion> versions, KeyRotationPolicy? policy, CancellationToken cancellationToken) =>
        versions.Count == 0
            ? _inner.RestoreAsync(versions, policy, cancellationToken)
            : _versions.AfterWriteAsync(versions[0].VaultId, versions[0].NameKey, () => _inner.RestoreAsync(versions, policy, cancellationToken));

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
}
