using Coffer.Core.Locks;

namespace Coffer.Core.Abstractions;

/// <summary>Management locks, one per scope and name (both compared case-insensitively).</summary>
public interface ILockStore
{
    /// <summary>Creates or replaces the lock with this scope and name; returns true when it was new.</summary>
    Task<bool> PutAsync(ManagementLock managementLock, CancellationToken cancellationToken);

    Task<ManagementLock?> GetAsync(string scope, string name, CancellationToken cancellationToken);

    /// <summary>Removes a lock; returns false when there was none.</summary>
    Task<bool> DeleteAsync(string scope, string name, CancellationToken cancellationToken);

    /// <summary>Every lock, by scope and name.</summary>
    Task<IReadOnlyList<ManagementLock>> ListAsync(CancellationToken cancellationToken);
}
