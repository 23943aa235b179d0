using Coffer.Core.Authorization;

namespace Coffer.Core.Abstractions;

public interface IRoleAssignmentStore
{
    /// <summary>
    /// Adds an assignment; returns false, writing nothing, when its id is taken or the principal already holds the
    /// role at the same scope (compared case-insensitively).
    /// </summary>
    Task<bool> AddAsync(RoleAssignment assignment, CancellationToken cancellationToken);

    Task<RoleAssignment?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Removes an assignment; returns false when there was none.</summary>
    Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A principal's assignments, oldest first.</summary>
    Task<IReadOnlyList<RoleAssignment>> ListForPrincipalAsync(Guid principalId, CancellationToken cancellationToken);

    /// <summary>Every assignment, oldest first (the management API filters them by scope).</summary>
    Task<IReadOnlyList<RoleAssignment>> ListAsync(CancellationToken cancellationToken);
}
