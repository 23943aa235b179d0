using System.Collections.Concurrent;
using Coffer.Core.Abstractions;
using Coffer.Core.Errors;
using Coffer.Core.KeyRing;

namespace Coffer.Core.Vaults;

/// <summary>Finds vaults by name with an in-memory cache (the hot path looks a vault up on every request) and creates them.</summary>
public sealed class VaultDirectory
{
    private readonly IVaultStore _store;
    private readonly VaultKeyRing _keyRing;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Vault> _byName = new(StringComparer.OrdinalIgnoreCase);

    public VaultDirectory(IVaultStore store, VaultKeyRing keyRing, TimeProvider time)
    {
        _store = store;
        _keyRing = keyRing;
        _time = time;
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

        vault = await _store.GetByNameAsync(name, cancellationToken);
        if (vault is not null)
        {
            _byName[name] = vault;
        }

        return vault;
    }

    public async Task<Vault> CreateAsync(string name, int retentionDays, CancellationToken cancellationToken)
    {
        VaultName.Validate(name);
        if (retentionDays is < 7 or > 90)
        {
            throw CofferErrors.BadParameter("softDeleteRetentionInDays must be between 7 and 90.");
        }

        var vault = new Vault(Guid.NewGuid(), name, _time.GetUtcNow(), retentionDays, PurgeProtection: false);
        if (!await _store.AddAsync(vault, cancellationToken))
        {
            throw new CofferException(409, ErrorCodes.Conflict, $"A vault named '{name}' already exists.", "VaultAlreadyExists");
        }

        await _keyRing.CreateDataKeyAsync(vault.Id, cancellationToken);
        _byName[name] = vault;
        return vault;
    }

    /// <summary>Returns the vault, creating it when missing (used by <c>serve --dev</c>).</summary>
    public async Task<Vault> EnsureAsync(string name, CancellationToken cancellationToken) =>
        await FindAsync(name, cancellationToken) ?? await CreateAsync(name, Vault.DefaultRetentionDays, cancellationToken);
}
