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
    private readonly ConcurrentQueue<RoleAssignment> _assignments = new();
    private TaskCompletionSource? _gate;

    public int Reads { get; private set; }

    public Task AddAsync(RoleAssignment assignment, CancellationToken cancellationToken)
    {
        _assignments.Enqueue(assignment);
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<RoleAssignment>> ListForPrincipalAsync(Guid principalId, CancellationToken cancellationToken)
    {
        Reads++;
        IReadOnlyList<RoleAssignment> snapshot = [.. _assignments.Where(a => a.PrincipalId == principalId)];
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
