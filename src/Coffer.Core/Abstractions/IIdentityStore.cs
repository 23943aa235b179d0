using Coffer.Core.Identity;

namespace Coffer.Core.Abstractions;

public interface IIdentityStore
{
    /// <summary>Adds an identity; false when its name is taken.</summary>
    Task<bool> AddAsync(ManagedIdentity identity, CancellationToken cancellationToken);

    Task<ManagedIdentity?> GetByNameAsync(string name, CancellationToken cancellationToken);

    Task<ManagedIdentity?> GetByCredentialHashAsync(byte[] credentialHash, CancellationToken cancellationToken);

    Task<ManagedIdentity?> GetByPrincipalIdAsync(Guid principalId, CancellationToken cancellationToken);

    /// <summary>Every identity, by name (loaded at start to register their credentials as live).</summary>
    Task<IReadOnlyList<ManagedIdentity>> ListAsync(CancellationToken cancellationToken);
}
