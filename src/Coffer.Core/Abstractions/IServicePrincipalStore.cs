using Coffer.Core.Identity;

namespace Coffer.Core.Abstractions;

/// <summary>Service principals and their password credentials (hashes only).</summary>
public interface IServicePrincipalStore
{
    /// <summary>Adds a principal with its credentials; false when its display name is taken (in any casing).</summary>
    Task<bool> AddAsync(ServicePrincipal principal, CancellationToken cancellationToken);

    Task<ServicePrincipal?> GetAsync(Guid objectId, CancellationToken cancellationToken);

    Task<ServicePrincipal?> GetByAppIdAsync(Guid appId, CancellationToken cancellationToken);

    Task<ServicePrincipal?> GetByDisplayNameAsync(string displayName, CancellationToken cancellationToken);

    /// <summary>Every principal with its credentials, by display name.</summary>
    Task<IReadOnlyList<ServicePrincipal>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Deletes a principal and its credentials; false when there is none.</summary>
    Task<bool> DeleteAsync(Guid objectId, CancellationToken cancellationToken);

    /// <summary>Adds a credential to a principal; false when the principal does not exist.</summary>
    Task<bool> AddPasswordAsync(Guid objectId, PasswordCredential credential, CancellationToken cancellationToken);

    /// <summary>Removes a principal's credential; false when the principal has no credential with that key id.</summary>
    Task<bool> RemovePasswordAsync(Guid objectId, Guid keyId, CancellationToken cancellationToken);
}
