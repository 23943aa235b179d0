using Coffer.Core.Abstractions;
using Coffer.Core.Caching;
using Coffer.Core.Cluster;

namespace Coffer.Core.Secrets;

/// <summary>
/// The secret store behind a <see cref="StoredVersionCache{TVersion}"/>: a GET of a version just served does no I/O. Every write
/// goes through this class, so this is the one place a name is forgotten: after each write here, and whenever another
/// node reports one over the change feed (<see cref="ChangeKinds.Secret"/>).
/// </summary>
internal sealed class CachingSecretStore : ISecretStore
{
    private readonly ISecretStore _inner;
    private readonly StoredVersionCache<SecretVersion> _cache;
    private readonly IChangeFeed _feed;

    public CachingSecretStore(ISecretStore inner, StoredVersionCache<SecretVersion> cache, IChangeFeed feed)
    {
        _inner = inner;
        _cache = cache;
        _feed = feed;
        _feed.Subscribe(ChangeKinds.Secret, key =>
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

    public ValueTask<SecretVersion?> GetAsync(Guid vaultId, string nameKey, string? version, CancellationToken cancellationToken) =>
        _cache.TryGet(vaultId, nameKey, version, out var cached) ? ValueTask.FromResult<SecretVersion?>(cached) : ReadAsync(vaultId, nameKey, version, cancellationToken);

    public async Task<SecretVersion?> AddVersionAsync(SecretVersion version, CancellationToken cancellationToken)
    {
        try
        {
            return await _inner.AddVersionAsync(version, cancellationToken);
        }
        finally
        {
            await ChangedAsync(version.VaultId, version.NameKey);
        }
    }

    public async Task<SecretVersion?> UpdateAsync(Guid vaultId, string nameKey, string? version, SecretAttributes changes, DateTimeOffset updated, CancellationToken cancellationToken)
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

    public Task<IReadOnlyList<SecretVersion>> ListAsync(Guid vaultId, string? afterNameKey, int take, CancellationToken cancellationToken) =>
        _inner.ListAsync(vaultId, afterNameKey, take, cancellationToken);

    public Task<IReadOnlyList<SecretVersion>> ListVersionsAsync(Guid vaultId, string nameKey, long afterSequence, int take, CancellationToken cancellationToken) =>
        _inner.ListVersionsAsync(vaultId, nameKey, afterSequence, take, cancellationToken);

    public async Task<DeletedSecret?> DeleteAsync(Guid vaultId, string nameKey, DateTimeOffset deletedOn, DateTimeOffset scheduledPurge, CancellationToken cancellationToken)
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

    public Task<DeletedSecret?> GetDeletedAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken) =>
        _inner.GetDeletedAsync(vaultId, nameKey, cancellationToken);

    public Task<IReadOnlyList<DeletedSecret>> ListDeletedAsync(Guid vaultId, string? afterNameKey, int take, CancellationToken cancellationToken) =>
        _inner.ListDeletedAsync(vaultId, afterNameKey, take, cancellationToken);

    public async Task<SecretVersion?> RecoverAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken)
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
    /// Needs no forgetting: it removes only soft-deleted secrets, which a GET never returns, so none is cached (their
    /// delete forgot them), and it cannot name what it removed without another read.
    /// </summary>
    public Task<int> PurgeDueAsync(DateTimeOffset now, CancellationToken cancellationToken) => _inner.PurgeDueAsync(now, cancellationToken);

    public Task<IReadOnlyList<SecretVersion>> GetAllVersionsAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken) =>
        _inner.GetAllVersionsAsync(vaultId, nameKey, cancellationToken);

    public async Task<bool> RestoreAsync(IReadOnlyList<SecretVersion> versions, CancellationToken cancellationToken)
    {
        try
        {
            return await _inner.RestoreAsync(versions, cancellationToken);
        }
        finally
        {
            if (versions.Count > 0)
            {
                await ChangedAsync(versions[0].VaultId, versions[0].NameKey);
            }
        }
    }

    private async ValueTask<SecretVersion?> ReadAsync(Guid vaultId, string nameKey, string? version, CancellationToken cancellationToken)
    {
        var generation = _cache.Generation(vaultId, nameKey);
        var secret = await _inner.GetAsync(vaultId, nameKey, version, cancellationToken);
        if (secret is not null)
        {
            _cache.Add(vaultId, nameKey, version, secret, generation);
        }

        return secret;
    }

    /// <summary>
    /// After a write (even a failed one, which may yet have committed): forgets the name here and tells the other nodes,
    /// even when the caller has gone (the change is made; the peers must hear of it).
    /// </summary>
    private async Task ChangedAsync(Guid vaultId, string nameKey)
    {
        _cache.Forget(vaultId, nameKey);
        await _feed.PublishAsync(ChangeKinds.Secret, ObjectChangeKey.Format(vaultId, nameKey), CancellationToken.None);
    }

    /// <summary>A version's weight in the cache: the value is up to 25 KB, so it is counted by its bytes.</summary>
    internal static int WeightOf(SecretVersion secret)
    {
        var weight = StoredVersionCache<SecretVersion>.EntryOverhead + secret.Ciphertext.Length + (2 * (secret.Name.Length + secret.Version.Length + (secret.ContentType?.Length ?? 0)));
        if (secret.Tags is { } tags)
        {
            foreach (var (name, value) in tags)
            {
                weight += 64 + (2 * (name.Length + value.Length));
            }
        }

        return weight;
    }
}
