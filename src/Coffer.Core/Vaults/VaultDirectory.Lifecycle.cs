using Coffer.Core.Errors;

namespace Coffer.Core.Vaults;

/// <summary>
/// Soft delete, recovery and purge of whole vaults (Key Vault's vault lifecycle): a deleted vault keeps its data key
/// and objects and holds its name for its retention period; the data plane no longer finds it.
/// </summary>
public sealed partial class VaultDirectory
{
    /// <summary>Soft-deletes a live vault; returns null when there is none.</summary>
    public async Task<DeletedVault?> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken);
        try
        {
            var vault = await _store.GetByNameAsync(name, cancellationToken);
            if (vault is null)
            {
                return null;
            }

            var now = _time.GetUtcNow();
            var deleted = new DeletedVault(vault, now, now.AddDays(vault.RetentionDays));
            if (!await _store.DeleteAsync(vault.Id, deleted.Deleted, deleted.ScheduledPurge, cancellationToken))
            {
                return null;
            }

            await ChangedAsync(name);
            Log.VaultDeleted(_logger, vault.Name, deleted.ScheduledPurge);
            return deleted;
        }
        finally
        {
            _changes.Release();
        }
    }

    public Task<DeletedVault?> GetDeletedAsync(string name, CancellationToken cancellationToken) =>
        VaultName.IsValid(name) ? _store.GetDeletedAsync(name, cancellationToken) : Task.FromResult<DeletedVault?>(null);

    public Task<IReadOnlyList<DeletedVault>> ListDeletedAsync(CancellationToken cancellationToken) => _store.ListDeletedAsync(cancellationToken);

    /// <summary>Brings a soft-deleted vault back as it was, its objects intact; returns null when there is none.</summary>
    public async Task<Vault?> RecoverAsync(string name, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken);
        try
        {
            var deleted = await GetDeletedAsync(name, cancellationToken);
            if (deleted is null || !await _store.RecoverAsync(deleted.Vault.Id, cancellationToken))
            {
                return null;
            }

            await ChangedAsync(name);
            Log.VaultRecovered(_logger, deleted.Vault.Name);
            return deleted.Vault;
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>
    /// Purges a soft-deleted vault for good; returns false when there is none. Purge protection refuses it, with Key
    /// Vault's error, until its scheduled purge date.
    /// </summary>
    public Task<bool> PurgeAsync(string name, CancellationToken cancellationToken) =>
        PurgeOneAsync(name, dueOnly: false, cancellationToken);

    /// <summary>Purges every soft-deleted vault whose retention has ended (run by the background purge job).</summary>
    public async Task<int> PurgeDueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var purged = 0;
        foreach (var deleted in await _store.ListDeletedAsync(cancellationToken))
        {
            if (deleted.ScheduledPurge <= now && await PurgeOneAsync(deleted.Vault.Name, dueOnly: true, cancellationToken))
            {
                purged++;
            }
        }

        return purged;
    }

    /// <summary>Reads and purges under the change lock, so a recovery racing the purge either wins whole or loses whole.</summary>
    private async Task<bool> PurgeOneAsync(string name, bool dueOnly, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken);
        try
        {
            var deleted = await GetDeletedAsync(name, cancellationToken);
            if (deleted is null)
            {
                return false;
            }

            var due = _time.GetUtcNow() >= deleted.ScheduledPurge;
            if (!due && dueOnly)
            {
                return false;
            }

            if (!due && deleted.Vault.PurgeProtection)
            {
                throw CofferErrors.DeletedVaultPurgeNotAllowed();
            }

            if (!await _store.PurgeAsync(deleted.Vault.Id, cancellationToken))
            {
                return false;
            }

            await ChangedAsync(deleted.Vault.Name);
            Log.VaultPurged(_logger, deleted.Vault.Name);
            return true;
        }
        finally
        {
            _changes.Release();
        }
    }
}
