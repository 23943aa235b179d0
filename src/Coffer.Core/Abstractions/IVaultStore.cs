using Coffer.Core.Vaults;

namespace Coffer.Core.Abstractions;

/// <summary>
/// Vaults, live and soft-deleted. A name (compared case-insensitively) belongs to one vault, live or deleted, until
/// that vault is purged. The live-vault reads never return a deleted vault.
/// </summary>
public interface IVaultStore
{
    /// <summary>Adds a vault; returns false when the name is taken by a live or a soft-deleted vault.</summary>
    Task<bool> AddAsync(Vault vault, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the live vault named <paramref name="name"/>, applies <paramref name="change"/> to it and stores what may
    /// change (location, sku, tags, retention, purge protection, permission model, access policies, network rules; its
    /// id, name, resource group and creation time stay), as one step against every other update of that vault, from
    /// this node or another: <paramref name="change"/> always sees the latest stored vault, so concurrent changes do not
    /// overwrite each other. Returns the stored vault, or null when there is no such live vault. When
    /// <paramref name="change"/> throws, nothing is written.
    /// </summary>
    Task<Vault?> UpdateAsync(string name, Func<Vault, Vault> change, CancellationToken cancellationToken);

    Task<Vault?> GetByNameAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<Vault>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Soft-deletes the live vault with this id, keeping its data key and objects; false when there is none.</summary>
    Task<bool> DeleteAsync(Guid id, DateTimeOffset deleted, DateTimeOffset scheduledPurge, CancellationToken cancellationToken);

    Task<DeletedVault?> GetDeletedAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every soft-deleted vault, by name.</summary>
    Task<IReadOnlyList<DeletedVault>> ListDeletedAsync(CancellationToken cancellationToken);

    /// <summary>Makes the soft-deleted vault with this id live again, as it was; false when there is none.</summary>
    Task<bool> RecoverAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the soft-deleted vault with this id for good, with its data keys and every object in it, in one
    /// transaction; false when there is none.
    /// </summary>
    Task<bool> PurgeAsync(Guid id, CancellationToken cancellationToken);
}
