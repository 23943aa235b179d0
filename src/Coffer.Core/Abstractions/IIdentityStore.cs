using Coffer.Core.Identity;

namespace Coffer.Core.Abstractions;

/// <summary>Managed identities and their workload credentials.</summary>
public interface IIdentityStore
{
    /// <summary>Adds an identity; false when its name is taken (names are unique per deployment, case-insensitively).</summary>
    Task<bool> AddAsync(ManagedIdentity identity, CancellationToken cancellationToken);

    /// <summary>Replaces an identity's location and tags; false when it does not exist.</summary>
    Task<bool> UpdateAsync(ManagedIdentity identity, CancellationToken cancellationToken);

    Task<ManagedIdentity?> GetByNameAsync(string name, CancellationToken cancellationToken);

    Task<ManagedIdentity?> GetByPrincipalIdAsync(Guid principalId, CancellationToken cancellationToken);

    Task<ManagedIdentity?> GetByClientIdAsync(Guid clientId, CancellationToken cancellationToken);

    /// <summary>Identities in one resource group (case-insensitively), or all when <paramref name="resourceGroup"/> is null; by name.</summary>
    Task<IReadOnlyList<ManagedIdentity>> ListAsync(string? resourceGroup, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes an identity and marks each of its live credentials revoked at <paramref name="revoked"/>, in one transaction;
    /// returns the credentials it revoked, or null when there was no such identity.
    /// </summary>
    Task<IReadOnlyList<WorkloadCredential>?> DeleteAsync(Guid principalId, DateTimeOffset revoked, CancellationToken cancellationToken);

    /// <summary>The identity's credentials that are not revoked, oldest first.</summary>
    Task<IReadOnlyList<WorkloadCredential>> ListCredentialsAsync(Guid principalId, CancellationToken cancellationToken);

    Task AddCredentialAsync(WorkloadCredential credential, CancellationToken cancellationToken);

    Task<WorkloadCredential?> GetCredentialByHashAsync(byte[] hash, CancellationToken cancellationToken);

    /// <summary>Marks one credential of an identity revoked; false when it is unknown or already revoked.</summary>
    Task<bool> RevokeCredentialAsync(Guid principalId, Guid credentialId, DateTimeOffset revoked, CancellationToken cancellationToken);

    /// <summary>Credentials revoked at or after <paramref name="since"/>: those whose tokens may still be unexpired.</summary>
    Task<IReadOnlyList<WorkloadCredential>> ListRevokedCredentialsAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Forgets credentials revoked before <paramref name="before"/>; returns how many.</summary>
    Task<int> PruneRevokedCredentialsAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
