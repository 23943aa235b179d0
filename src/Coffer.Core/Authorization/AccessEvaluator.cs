using System.Collections.Concurrent;
using Coffer.Core.Abstractions;
using Coffer.Core.Errors;
using Coffer.Core.Identity;
using Coffer.Core.Vaults;

namespace Coffer.Core.Authorization;

/// <summary>
/// Decides whether a principal may perform a data action on a vault, from its role assignments.
/// Deny by default: no assignment, no access. Assignments are cached per principal.
/// </summary>
public sealed class AccessEvaluator
{
    private readonly IRoleAssignmentStore _store;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<Guid, IReadOnlyList<RoleAssignment>> _byPrincipal = new();

    // Bumped by every change: a lookup that raced a change does not cache what it read.
    private long _generation;

    public AccessEvaluator(IRoleAssignmentStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    public async ValueTask DemandAsync(Principal principal, Vault vault, string action, CancellationToken cancellationToken)
    {
        var assignments = await AssignmentsOfAsync(principal, cancellationToken);
        foreach (var assignment in assignments)
        {
            if (InScope(assignment.Scope, vault) && BuiltInRoles.Find(assignment.RoleDefinitionId) is { } role && role.Allows(action))
            {
                return;
            }
        }

        throw CofferErrors.ForbiddenByRbac(principal.ObjectId.ToString("D"), action["Microsoft.KeyVault/vaults/".Length..], vault.Name);
    }

    /// <summary>
    /// Demands a management action (<c>Microsoft.ManagedIdentity/userAssignedIdentities/write</c>, say) on a resource
    /// scope such as <c>/subscriptions/{sub}/resourceGroups/{rg}/providers/…</c>: some role assigned at that scope or
    /// above it must allow the action.
    /// </summary>
    public async ValueTask DemandManagementAsync(Principal principal, string scope, string action, CancellationToken cancellationToken)
    {
        var assignments = await AssignmentsOfAsync(principal, cancellationToken);
        foreach (var assignment in assignments)
        {
            if (Covers(assignment.Scope, scope) && BuiltInRoles.Find(assignment.RoleDefinitionId) is { } role && role.AllowsManagement(action))
            {
                return;
            }
        }

        throw CofferErrors.AuthorizationFailed(principal.ObjectId.ToString("D"), action, scope);
    }

    /// <summary>
    /// Whether an assignment at <paramref name="assignmentScope"/> reaches <paramref name="scope"/>: the same scope or
    /// one beneath it. <c>/</c> reaches everything.
    /// </summary>
    public static bool Covers(string assignmentScope, string scope)
    {
        var parent = assignmentScope.AsSpan().TrimEnd('/');
        var child = scope.AsSpan().TrimEnd('/');
        return parent.IsEmpty
            || (child.StartsWith(parent, StringComparison.OrdinalIgnoreCase) && (child.Length == parent.Length || child[parent.Length] == '/'));
    }

    public async Task AssignAsync(Guid principalId, RoleDefinition role, string scope, CancellationToken cancellationToken)
    {
        await _store.AddAsync(new RoleAssignment(Guid.NewGuid(), principalId, role.Id, scope, _time.GetUtcNow()), cancellationToken);
        Interlocked.Increment(ref _generation);
        _byPrincipal.TryRemove(principalId, out _);
    }

    private async ValueTask<IReadOnlyList<RoleAssignment>> AssignmentsOfAsync(Principal principal, CancellationToken cancellationToken)
    {
        if (_byPrincipal.TryGetValue(principal.ObjectId, out var assignments))
        {
            return assignments;
        }

        var generation = Interlocked.Read(ref _generation);
        assignments = await _store.ListForPrincipalAsync(principal.ObjectId, cancellationToken);
        if (Interlocked.Read(ref _generation) == generation)
        {
            _byPrincipal[principal.ObjectId] = assignments;
            if (Interlocked.Read(ref _generation) != generation)
            {
                _byPrincipal.TryRemove(principal.ObjectId, out _);
            }
        }

        return assignments;
    }

    public static string VaultScope(string vaultName) => "/vaults/" + vaultName;

    private static bool InScope(string scope, Vault vault) =>
        scope == "/" || string.Equals(scope, VaultScope(vault.Name), StringComparison.OrdinalIgnoreCase);
}
