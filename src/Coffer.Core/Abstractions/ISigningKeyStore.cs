using Coffer.Core.Identity;

namespace Coffer.Core.Abstractions;

public interface ISigningKeyStore
{
    Task AddAsync(StoredSigningKey key, CancellationToken cancellationToken);

    /// <summary>All signing keys, by activation time (then creation order).</summary>
    Task<IReadOnlyList<StoredSigningKey>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Removes a retired key; false when it was not there.</summary>
    Task<bool> DeleteAsync(string keyId, CancellationToken cancellationToken);
}
