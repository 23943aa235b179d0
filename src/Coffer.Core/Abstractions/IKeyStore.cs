using Coffer.Core.Keys;

namespace Coffer.Core.Abstractions;

/// <summary>
/// Persistence of keys, their rotation policies and notifications. Every method is atomic; writes return only once
/// durable. Names are matched by <see cref="KeyName.Key"/>; "live" means not soft-deleted.
/// </summary>
public interface IKeyStore
{
    /// <summary>A live key's version, or its latest when <paramref name="version"/> is null. One indexed read.</summary>
    ValueTask<KeyVersion?> GetAsync(Guid vaultId, string nameKey, string? version, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a version (creating the key if new) and makes it the latest. Returns the stored version with its sequence
    /// and stored name casing, or null when the name is soft-deleted. With <paramref name="ifLatest"/> set, the version is
    /// added only while that version is still the latest (the rotation job's guard against rotating twice); otherwise
    /// the call returns null too.
    /// </summary>
    Task<KeyVersion?> AddVersionAsync(KeyVersion version, string? ifLatest, CancellationToken cancellationToken);

    /// <summary>Applies the non-null members of <paramref name="changes"/> to one live version (the latest when null) in one step.</summary>
    Task<KeyVersion?> UpdateAsync(Guid vaultId, string nameKey, string? version, KeyChanges changes, DateTimeOffset updated, CancellationToken cancellationToken);

    /// <summary>Live keys' latest versions ordered by name key, after the given key.</summary>
    Task<IReadOnlyList<KeyVersion>> ListAsync(Guid vaultId, string? afterNameKey, int take, CancellationToken cancellationToken);

    /// <summary>All versions of one live key ordered by sequence, after the given sequence.</summary>
    Task<IReadOnlyList<KeyVersion>> ListVersionsAsync(Guid vaultId, string nameKey, long afterSequence, int take, CancellationToken cancellationToken);

    /// <summary>Soft-deletes a live key (all its versions); null when there is no live key of that name.</summary>
    Task<DeletedKey?> DeleteAsync(Guid vaultId, string nameKey, DateTimeOffset deletedOn, DateTimeOffset scheduledPurge, CancellationToken cancellationToken);

    Task<DeletedKey?> GetDeletedAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeletedKey>> ListDeletedAsync(Guid vaultId, string? afterNameKey, int take, CancellationToken cancellationToken);

    /// <summary>Makes a soft-deleted key live again; returns its latest version, or null when it is not deleted.</summary>
    Task<KeyVersion?> RecoverAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken);

    /// <summary>Removes a soft-deleted key for good, with its policy and notifications; false when it is not deleted.</summary>
    Task<bool> PurgeAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken);

    /// <summary>Removes every soft-deleted key whose scheduled purge time has passed; returns how many.</summary>
    Task<int> PurgeDueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every version of a live key, oldest first (for backup).</summary>
    Task<IReadOnlyList<KeyVersion>> GetAllVersionsAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken);

    /// <summary>Writes a whole key with its versions (oldest first) and policy in one transaction; false when the name is taken, live or deleted.</summary>
    Task<bool> RestoreAsync(IReadOnlyList<KeyVersion> versions, KeyRotationPolicy? policy, CancellationToken cancellationToken);

    /// <summary>The policy set on a key (live or deleted), or null when none was set.</summary>
    Task<KeyRotationPolicy?> GetRotationPolicyAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken);

    /// <summary>Sets a live key's policy; false when there is no live key of that name.</summary>
    Task<bool> SetRotationPolicyAsync(Guid vaultId, string nameKey, KeyRotationPolicy policy, CancellationToken cancellationToken);

    /// <summary>Every live key with a policy that has at least one action, with its latest version (for the rotation job).</summary>
    Task<IReadOnlyList<(KeyVersion Latest, KeyRotationPolicy Policy)>> ListWithRotationPolicyAsync(CancellationToken cancellationToken);

    /// <summary>Records a notification once per key version and type; false when it was already recorded.</summary>
    Task<bool> AddNotificationAsync(KeyNotification notification, CancellationToken cancellationToken);

    /// <summary>Recorded notifications in the order they were recorded, after the given sequence.</summary>
    Task<IReadOnlyList<KeyNotification>> ListNotificationsAsync(long afterSequence, int take, CancellationToken cancellationToken);
}
