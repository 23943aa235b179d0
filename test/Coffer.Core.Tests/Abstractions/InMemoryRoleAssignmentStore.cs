using System.Collections.Concurrent;
using Coffer.Core.Abstractions;
using Coffer.Core.Authorization;

namespace Coffer.Core.Tests.Abstractions;

/// <summary>
/// An in-memory <see cref="IRoleAssignmentStore"/>. <see cref="HoldReads"/> makes the next reads take their snapshot
/// and then wait, which lets a test interleave a write with a read that is in flight.
/// </summary>
internal sealed class InMemoryRoleAssignmentStore : IRoleAssignmentStore
{
    private readonly ConcurrentDictionary<Guid, RoleAssignment> _assignments = new();
    private TaskCompletionSource? _gate;

    public int Reads { get; private set; }

    public Task<bool> AddAsync(RoleAssignment assignment, CancellationToken cancellationToken)
    {
        lock (_assignments)
        {
            var duplicate = _assignments.Values.Any(a => a.PrincipalId == assignment.PrincipalId && a.RoleDefinitionId == assignment.RoleDefinitionId
                && string.Equals(a.Scope, assignment.Scope, StringComparison.OrdinalIgnoreCase));
            return Task.FromResult(!duplicate && _assignments.TryAdd(assignment.Id, assignment));
        }
    }

    public Task<RoleAssignment?> GetAsync(Guid id, CancellationToken cancellationToken) => Task.FromResult(_assignments.GetValueOrDefault(id));

    public Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken) => Task.FromResult(_assignments.TryRemove(id, out _));

    public Task<IReadOnlyList<RoleAssignment>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RoleAssignment>>([.. _assignments.Values.OrderBy(a => a.Created)]);

    public async Task<IReadOnlyList<RoleAssignment>> ListForPrincipalAsync(Guid principalId, CancellationToken cancellationToken)
    {
        Reads++;
        IReadOnlyList<RoleAssignment> snapshot = [.. _assignments.Values.Where(a => a.PrincipalId == principalId).OrderBy(a => a.Created)];
        if (_gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        return snapshot;
    }

    /// <summary>Reads started from now on return their snapshot only once the returned gate is completed.</summary>
    public TaskCompletionSource HoldReads()
    {
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _gate;
    }
}
