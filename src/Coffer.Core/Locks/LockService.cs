using Coffer.Core.Abstractions;
using Coffer.Core.Authorization;
using Coffer.Core.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Core.Locks;

/// <summary>
/// Management locks and their enforcement: a lock at a scope or above it refuses deletes (<c>CanNotDelete</c>,
/// <c>ReadOnly</c>) and changes (<c>ReadOnly</c>) on the management API with ARM's 409 <c>ScopeLocked</c>.
/// </summary>
public sealed class LockService
{
    private readonly ILockStore _store;
    private readonly ILogger _logger;

    public LockService(ILockStore store, ILogger<LockService>? logger = null)
    {
        _store = store;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Creates or replaces a lock; returns true when it was new.</summary>
    public async Task<bool> PutAsync(ManagementLock managementLock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(managementLock);
        var created = await _store.PutAsync(managementLock, cancellationToken);
        Log.LockSet(_logger, managementLock.Name, managementLock.Level.ToString(), managementLock.Scope);
        return created;
    }

    public Task<ManagementLock?> GetAsync(string scope, string name, CancellationToken cancellationToken) => _store.GetAsync(scope, name, cancellationToken);

    public async Task<bool> DeleteAsync(string scope, string name, CancellationToken cancellationToken)
    {
        var deleted = await _store.DeleteAsync(scope, name, cancellationToken);
        if (deleted)
        {
            Log.LockRemoved(_logger, name, scope);
        }

        return deleted;
    }

    /// <summary>
    /// The locks that concern <paramref name="scope"/>: those at it, above it (inherited) and beneath it, as ARM lists
    /// them at a subscription, a resource group or a resource.
    /// </summary>
    public async Task<IReadOnlyList<ManagementLock>> ListRelatedAsync(string scope, CancellationToken cancellationToken) =>
        [.. (await _store.ListAsync(cancellationToken)).Where(l => ResourceScope.Covers(l.Scope, scope) || ResourceScope.Covers(scope, l.Scope))];

    /// <summary>Refuses to change <paramref name="scope"/> while a <c>ReadOnly</c> lock holds it or a scope above it.</summary>
    public Task DemandWritableAsync(string scope, CancellationToken cancellationToken) => DemandAsync(scope, "write", l => l.Level == LockLevel.ReadOnly, cancellationToken);

    /// <summary>Refuses to delete <paramref name="scope"/> while any lock holds it or a scope above it.</summary>
    public Task DemandDeletableAsync(string scope, CancellationToken cancellationToken) => DemandAsync(scope, "delete", _ => true, cancellationToken);

    private async Task DemandAsync(string scope, string operation, Func<ManagementLock, bool> blocks, CancellationToken cancellationToken)
    {
        var locked = (await _store.ListAsync(cancellationToken))
            .Where(l => ResourceScope.Covers(l.Scope, scope) && blocks(l))
            .Select(l => l.Scope)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (locked.Count > 0)
        {
            throw CofferErrors.ScopeLocked(scope, operation, locked);
        }
    }
}
