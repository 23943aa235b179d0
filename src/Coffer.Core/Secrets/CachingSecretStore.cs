using Coffer.Core.Abstractions;
using Coffer.Core.Caching;
using Coffer.Core.Cluster;

namespace Coffer.Core.Secrets;

/// <summary>
/// The secret store behind a <see cref="CoherentVersionCache{TVersion}"/>: a GET of a version just served does no I/O.
/// Every write goes through this class and forgets the name after it, here and on the other nodes
/// (<see cref="ChangeKinds.Secret"/>).
/// </summary>
internal sealed class CachingSecretStore : ISecretStore
{
    private readonly ISecretStore _inner;
    private readonly CoherentVersionCache<SecretVersion> _versions;
    private readonly Func<Guid, string, string?, CancellationToken, ValueTask<SecretVersion?>> _read;

    public CachingSecretStore(ISecretStore inner, StoredVersionCache<SecretVersion> cache, IChangeFeed feed)
    {
        _inner = inner;
        _versions = new(cache, feed, ChangeKinds.Secret);
        _read = inner.GetAsync;
    }

    public ValueTask<SecretVersion?> GetAsync(Guid vaultId, string nameKey, string? version, CancellationToken cancellationToken) =>
        _versions.GetAsync(vaultId, nameKey, version, _read, cancellationToken);

    public Task<SecretVersion?> AddVersionAsync(SecretVersion version, CancellationToken cancellationToken) =>
        _versions.AfterWriteAsync(version.VaultId, version.NameKey, () => _inner.AddVersionAsync(version, cancellationToken));

    public Task<SecretVersion?> UpdateAsync(Guid vaultId, string nameKey, string? version, SecretAttributes changes, DateTimeOffset updated, CancellationToken cancellationToken) =>
        _versions.AfterWriteAsync(vaultId, nameKey, () => _inner.UpdateAsync(vaultId, nameKey, version, changes, updated, cancellationToken));

    public Task<IReadOnlyList<SecretVersion>> ListAsync(Guid vaultId, string? afterNameKey, int take, CancellationToken cancellationToken) =>
        _inner.ListAsync(vaultId, afterNameKey, take, cancellationToken);

    public Task<IReadOnlyList<SecretVersion>> ListVersionsAsync(Guid vaultId, string nameKey, long afterSequence, int take, CancellationToken cancellationToken) =>
        _inner.ListVersionsAsync(vaultId, nameKey, afterSequence, take, cancellationToken);

    public Task<DeletedSecret?> DeleteAsync(Guid vaultId, string nameKey, DateTimeOffset deletedOn, DateTimeOffset scheduledPurge, CancellationToken cancellationToken) =>
        _versions.AfterWriteAsync(vaultId, nameKey, () => _inner.DeleteAsync(vaultId, nameKey, deletedOn, scheduledPurge, cancellationToken));

    public Task<DeletedSecret?> GetDeletedAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken) =>
        _inner.GetDeletedAsync(vaultId, nameKey, cancellationToken);

    public Task<IReadOnlyList<DeletedSecret>> ListDeletedAsync(Guid vaultId, string? afterNameKey, int take, CancellationToken cancellationToken) =>
        _inner.ListDeletedAsync(vaultId, afterNameKey, take, cancellationToken);

    public Task<SecretVersion?> RecoverAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken) =>
        _versions.AfterWriteAsync(vaultId, nameKey, () => _inner.RecoverAsync(vaultId, nameKey, cancellationToken));

    public Task<bool> PurgeAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken) =>
        _versions.AfterWriteAsync(vaultId, nameKey, () => _inner.PurgeAsync(vaultId, nameKey, cancellationToken));

    /// <summary>
    /// Needs no forgetting: it removes only soft-deleted secrets, which a GET never returns, so none is cached (their
    /// delete forgot them), and it cannot name what it removed without another read.
    /// </summary>
    public Task<int> PurgeDueAsync(DateTimeOffset now, CancellationToken cancellationToken) => _inner.PurgeDueAsync(now, cancellationToken);

    public Task<IReadOnlyList<SecretVersion>> GetAllVersionsAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken) =>
        _inner.GetAllVersionsAsync(vaultId, nameKey, cancellationToken);

    /// <summary>Forgets the restored name (a restore of no versions writes nothing).</summary>
    public Task<bool> RestoreAsync(IReadOnlyList<SecretVersion> versions, CancellationToken cancellationToken) =>
        versions.Count == 0
            ? _inner.RestoreAsync(versions, cancellationToken)
            : _versions.AfterWriteAsync(versions[0].VaultId, versions[0].NameKey, () => _inner.RestoreAsync(versions, cancellationToken));

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
