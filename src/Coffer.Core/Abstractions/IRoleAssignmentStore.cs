using Coffer.Core.Authorization;

namespace Coffer.Core.Abstractions;

public interface IRoleAssignmentStore
{
    Task AddAsync(RoleAssignment assignment, CancellationToken cancellationToken);

    Task<IReadOnlyList<RoleAssignment>> ListForPrincipalAsync(Guid principalId, CancellationToken cancellationToken);
}
