using Coffer.Core.Secrets;

namespace Coffer.Core.Abstractions;

/// <summary>
/// Persistence of secrets. Every method is atomic; writes return only once durable.
/// Names are matched by <see cref="SecretName.Key"/>; "live" means not soft-deleted.
/// </summary>
public interface ISecretStore
{
    /// <summary>A live secret's version, or its latest when <paramref name="version"/> is null. One indexed read.</summary>
    ValueTask<SecretVersion?> GetAsync(Guid vaultId, string nameKey, string? version, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a version (creating the secret if new) and makes it the latest. Returns the stored version with its
    /// <see cref="SecretVersion.Sequence"/> and stored name casing, or null when the name is soft-deleted.
    /// </summary>
    Task<SecretVersion?> AddVersionAsync(SecretVersion version, CancellationToken cancellationToken);

    /// <summary>
    /// Applies the non-null members of <paramref name="changes"/> to one live version (the latest when
    /// <paramref name="version"/> is null) in one atomic step, so concurrent updates of different fields all land.
    /// Returns the updated version, or null when there is no such live version.
    /// </summary>
    Task<SecretVersion?> UpdateAsync(Guid vaultId, string nameKey, string? version, SecretAttributes changes, DateTimeOffset updated, CancellationToken cancellationToken);

    /// <summary>Live secrets' latest versions ordered by name key, after the given key.</summary>
    Task<IReadOnlyList<SecretVersion>> ListAsync(Guid vaultId, string? afterNameKey, int take, CancellationToken cancellationToken);

    /// <summary>All versions of one live secret ordered by sequence, after the given sequence.</summary>
    Task<IReadOnlyList<SecretVersion>> ListVersionsAsync(Guid vaultId, string nameKey, long afterSequence, int take, CancellationToken cancellationToken);

    /// <summary>Soft-deletes a live secret (all its versions); null when there is no live secret of that name.</summary>
    Task<DeletedSecret?> DeleteAsync(Guid vaultId, string nameKey, DateTimeOffset deletedOn, DateTimeOffset scheduledPurge, CancellationToken cancellationToken);

    Task<DeletedSecret?> GetDeletedAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeletedSecret>> ListDeletedAsync(Guid vaultId, string? afterNameKey, int take, CancellationToken cancellationToken);

    /// <summary>Makes a soft-deleted secret live again; returns its latest version, or null when it is not deleted.</summary>
    Task<SecretVersion?> RecoverAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken);

    /// <summary>Removes a soft-deleted secret for good; false when it is not deleted.</summary>
    Task<bool> PurgeAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken);

    /// <summary>Removes every soft-deleted secret whose scheduled purge time has passed; returns how many.</summary>
    Task<int> PurgeDueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every version of a live secret, oldest first (for backup).</summary>
    Task<IReadOnlyList<SecretVersion>> GetAllVersionsAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken);

    /// <summary>Writes a whole secret with its versions (oldest first) in one transaction; false when the name is taken, live or deleted.</summary>
    Task<bool> RestoreAsync(IReadOnlyList<SecretVersion> versions, CancellationToken cancellationToken);
}
