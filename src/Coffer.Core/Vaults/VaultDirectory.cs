using System.Collections.Concurrent;
using Coffer.Core.Abstractions;
using Coffer.Core.Cluster;
using Coffer.Core.Errors;
using Coffer.Core.KeyRing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Core.Vaults;

/// <summary>
/// Finds vaults by name with an in-memory cache (the hot path looks a vault up on every request, and authorization
/// reads its permission model and access policies from it), creates and changes them. Every change, here or on
/// another node, ends in <see cref="Invalidate"/>.
/// </summary>
public sealed partial class VaultDirectory : IDisposable
{
    private readonly IVaultStore _store;
    private readonly VaultKeyRing _keyRing;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IChangeFeed _feed;
    private readonly ConcurrentDictionary<string, Vault> _byName = new(StringComparer.OrdinalIgnoreCase);

    // Bumped by every invalidation: a lookup that raced a change (here or on a peer) does not cache what it read.
    private long _generation;

    // Delete, recover and purge one at a time on this node (the store's conditional writes settle races between nodes).
    private readonly SemaphoreSlim _changes = new(1, 1);

    public VaultDirectory(IVaultStore store, VaultKeyRing keyRing, TimeProvider time, ILogger<VaultDirectory>? logger = null, IChangeFeed? feed = null)
    {
        _store = store;
        _keyRing = keyRing;
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _feed = feed ?? new SingleNodeChangeFeed();
        _feed.Subscribe(ChangeKinds.Vault, name =>
        {
            if (name is null)
            {
                InvalidateAll();
            }
            else
            {
                Invalidate(name);
            }
        });
    }

    public async ValueTask<Vault?> FindAsync(string name, CancellationToken cancellationToken)
    {
        if (_byName.TryGetValue(name, out var vault))
        {
            return vault;
        }

        if (!VaultName.IsValid(name))
        {
            return null;
        }

        var generation = Interlocked.Read(ref _generation);
        vault = await _store.GetByNameAsync(name, cancellationToken);
        if (vault is not null && Interlocked.Read(ref _generation) == generation)
        {
            _byName[name] = vault;
            if (Interlocked.Read(ref _generation) != generation)
            {
                _byName.TryRemove(name, out _);
            }
        }

        return vault;
    }

    public Task<IReadOnlyList<Vault>> ListAsync(CancellationToken cancellationToken) => _store.ListAsync(cancellationToken);

    public Task<Vault> CreateAsync(string name, int retentionDays, CancellationToken cancellationToken) =>
        CreateAsync(new Vault(Guid.NewGuid(), name, _time.GetUtcNow(), retentionDays, PurgeProtection: false), cancellationToken);

    /// <summary>Creates a vault as given (a new id, its name, its settings) with its data key.</summary>
    public async Task<Vault> CreateAsync(Vault vault, CancellationToken cancellationToken)
    {
        VaultName.Validate(vault.Name);
        ValidateRetention(vault.RetentionDays);
        if (!await _store.AddAsync(vault, cancellationToken))
        {
            throw await _store.GetDeletedAsync(vault.Name, cancellationToken) is null
                ? new CofferException(409, ErrorCodes.Conflict, $"A vault named '{vault.Name}' already exists.", "VaultAlreadyExists")
                : CofferErrors.VaultExistsInDeletedState();
        }

        await _keyRing.CreateDataKeyAsync(vault.Id, cancellationToken);
        _byName[vault.Name] = vault;
        Log.VaultCreated(_logger, vault.Name, vault.ResourceGroup);
        return vault;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the stored vault and stores the result; returns null when there is no such
    /// vault. The change sees the latest stored state, on every node: the store makes the read and the write one step,
    /// so concurrent changes do not overwrite each other. A change the rules refuse throws and writes nothing.
    /// </summary>
    public async Task<Vault?> UpdateAsync(string name, Func<Vault, Vault> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var updated = await _store.UpdateAsync(name, current =>
        {
            var changed = change(current);
            ValidateRetention(changed.RetentionDays);
            if (changed.RetentionDays != current.RetentionDays)
            {
                throw CofferErrors.RetentionCannotChange();
            }

            if (current.PurgeProtection && !changed.PurgeProtection)
            {
                throw CofferErrors.ArmBadRequest("Purge protection cannot be disabled once it is enabled (properties.enablePurgeProtection).");
            }

            return changed;
        }, cancellationToken);
        if (updated is not null)
        {
            await ChangedAsync(name);
        }

        return updated;
    }

    /// <summary>
    /// The one place the cache forgets a vault: after every change here and whenever another node reports one, so the
    /// next request reads the stored vault, its permission model and its access policies.
    /// </summary>
    public void Invalidate(string name)
    {
        Interlocked.Increment(ref _generation);
        _byName.TryRemove(name, out _);
    }

    private void InvalidateAll()
    {
        Interlocked.Increment(ref _generation);
        _byName.Clear();
    }

    /// <summary>
    /// After a committed change: forgets the vault here and tells the other nodes to forget it too, even when the caller
    /// has gone (the change is made; the peers must hear of it).
    /// </summary>
    private async Task ChangedAsync(string name)
    {
        Invalidate(name);
        await _feed.PublishAsync(ChangeKinds.Vault, name, CancellationToken.None);
    }

    public void Dispose() => _changes.Dispose();

    /// <summary>Returns the vault, creating it when missing (used by <c>serve --dev</c>).</summary>
    public async Task<Vault> EnsureAsync(string name, CancellationToken cancellationToken) =>
        await FindAsync(name, cancellationToken) ?? await CreateAsync(name, Vault.DefaultRetentionDays, cancellationToken);

    private static void ValidateRetention(int retentionDays)
    {
        if (retentionDays is < 7 or > 90)
        {
            throw CofferErrors.BadParameter("softDeleteRetentionInDays must be between 7 and 90.");
        }
    }
}
