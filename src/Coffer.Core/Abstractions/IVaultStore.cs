using Coffer.Core.Vaults;

namespace Coffer.Core.Abstractions;

public interface IVaultStore
{
    /// <summary>Adds a vault; returns false when the name (compared case-insensitively) is taken.</summary>
    Task<bool> AddAsync(Vault vault, CancellationToken cancellationToken);

    Task<Vault?> GetByNameAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<Vault>> ListAsync(CancellationToken cancellationToken);
}
