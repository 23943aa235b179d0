using Coffer.Core.Identity;

namespace Coffer.Core.Abstractions;

public interface ISigningKeyStore
{
    Task AddAsync(StoredSigningKey key, CancellationToken cancellationToken);

    /// <summary>All signing keys, oldest first.</summary>
    Task<IReadOnlyList<StoredSigningKey>> ListAsync(CancellationToken cancellationToken);
}
