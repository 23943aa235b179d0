using Coffer.Core.Vaults;

namespace Coffer.Core.Abstractions;

public interface IVaultStore
{
    /// <summary>Adds a vault; returns false when the name (compared case-insensitively) is taken.</summary>
    Task<bool> AddAsync(Vault vault, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces what may change about the vault with <see cref="Vault.Id"/> (location, sku, tags, retention, purge
    /// protection, permission model and access policies); its name, resource group and creation time stay. Returns
    /// false when there is no such vault.
    /// </summary>
    Task<bool> UpdateAsync(Vault vault, CancellationToken cancellationToken);

    Task<Vault?> GetByNameAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<Vault>> ListAsync(CancellationToken cancellationToken);
}
