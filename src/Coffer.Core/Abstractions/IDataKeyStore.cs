using Coffer.Core.KeyRing;

namespace Coffer.Core.Abstractions;

/// <summary>Persists wrapped data keys. Encryption is the key ring's job, not the store's.</summary>
public interface IDataKeyStore
{
    Task AddAsync(WrappedDataKey key, CancellationToken cancellationToken);

    Task<IReadOnlyList<WrappedDataKey>> GetForVaultAsync(Guid vaultId, CancellationToken cancellationToken);
}
