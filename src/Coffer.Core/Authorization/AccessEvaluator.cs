using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Coffer.Core.Abstractions;
using Coffer.Core.Cluster;
using Coffer.Core.Errors;
using Coffer.Core.Identity;
using Coffer.Core.Vaults;

namespace Coffer.Core.Authorization;

/// <summary>
/// Decides whether a principal may perform a data operation on a vault (from its role assignments, or from the vault's
/// access policies when the vault does not use RBAC) or a management action on a scope. Deny by default. Assignments
/// are cached per principal; every change goes through this class (here or on another node) and ends in <see cref="Invalidate"/>.
/// </summary>
public sealed class AccessEvaluator
{
    private readonly IRoleAssignmentStore _store;
    private readonly Deployment _deployment;
    private readonly TimeProvider _time;
    private readonly IChangeFeed _feed;
    private readonly ConcurrentDictionary<Guid, IReadOnlyList<RoleAssignment>> _byPrincipal = new();
    private readonly ConditionalWeakTable<Vault, string> _vaultPaths = new();

    // Bumped by every change: a lookup that raced a change does not cache what it read.
    private long _generation;

    public AccessEvaluator(IRoleAssignmentStore store, Deployment deployment, TimeProvider time, IChangeFeed? feed = null)
    {
        _store = store;
        _deployment = deployment;
        _time = time;
        _feed = feed ?? new SingleNodeChangeFeed();
        _feed.Subscribe(ChangeKinds.RoleAssignments, principal =>
        {
            if (principal is null)
            {
                InvalidateAll();
            }
            else if (Guid.TryParse(principal, out var principalId))
            {
                Invalidate(principalId);
            }
        });
    }

    /// <summary>
    /// Demands a data operation on a vault, or on the object <paramref name="objectName"/> when the operation acts on
    /// one: an assignment at that object's scope is then enough. Access-policy vaults ignore role assignments, as Azure does.
    /// </summary>
    public async ValueTask DemandAsync(Principal principal, Vault vault, DataOperation operation, string? objectName, CancellationToken cancellationToken)
    {
        if (!vault.EnableRbacAuthorization)
        {
            for (var i = 0; i < vault.AccessPolicies.Count; i++)
            {
                var policy = vault.AccessPolicies[i];
                if (policy.AppliesTo(principal.TenantId, principal.ObjectId, principal.AppId) && policy.Grants(operation.PolicyKind, operation.PolicyPermission))
                {
                    return;
                }
            }

            throw CofferErrors.AccessDenied(principal, operation.PolicyKind, operation.PolicyPermission, vault);
        }

        // Runs on every data-plane request, so it allocates nothing: the object's resource id is compared segment by
        // segment, never built, and lists are walked by index (foreach over an interface allocates an enumerator).
        var vaultPath = VaultPathOf(vault);
        var onObject = operation.OnObject && objectName is not null;
        var assignments = await AssignmentsOfAsync(principal.ObjectId, cancellationToken);
        for (var i = 0; i < assignments.Count; i++)
        {
            var assignment = assignments[i];
            var covers = onObject
                ? ResourceScope.CoversObject(assignment.Scope, vaultPath, operation.PolicyKind, objectName!)
                : ResourceScope.Covers(assignment.Scope, vaultPath);
            if (covers && BuiltInRoles.Find(assignment.RoleDefinitionId) is { } role && role.Allows(operation.DataAction))
            {
                return;
            }
        }

        var resource = onObject ? ResourceScope.ObjectPath(vaultPath, operation.PolicyKind, objectName!) : vaultPath;
        throw CofferErrors.ForbiddenByRbac(principal, operation.DataAction, resource, vault);
    }

    /// <summary>
    /// The vault's resource id, made once per <see cref="Vault"/> instance: the vault directory hands out the same
    /// instance until the vault changes, and a changed vault is a new instance (its name or group may differ).
    /// </summary>
    private string VaultPathOf(Vault vault)
    {
        if (!_vaultPaths.TryGetValue(vault, out var path))
        {
            path = vault.ResourceId(_deployment.SubscriptionId);
            _vaultPaths.AddOrUpdate(vault, path);
        }

        return path;
    }

    /// <summary>
    /// Demands a management action (<c>Microsoft.KeyVault/vaults/write</c>, say) on a resource scope such as
    /// <c>/subscriptions/{sub}/resourceGroups/{rg}/providers/…</c>: some role assigned at that scope or above it must allow it.
    /// </summary>
    public async ValueTask DemandManagementAsync(Principal principal, string scope, string action, CancellationToken cancellationToken)
    {
        if (!await AllowsManagementAsync(principal, scope, action, cancellationToken))
        {
            throw CofferErrors.AuthorizationFailed(principal.ObjectId.ToString("D"), action, scope);
        }
    }

    /// <summary>Whether a management action is allowed on a scope (lists use it to show only what the caller may read).</summary>
    public async ValueTask<bool> AllowsManagementAsync(Principal principal, string scope, string action, CancellationToken cancellationToken)
    {
        var assignments = await AssignmentsOfAsync(principal.ObjectId, cancellationToken);
        foreach (var assignment in assignments)
        {
            if (ResourceScope.Covers(assignment.Scope, scope) && BuiltInRoles.Find(assignment.RoleDefinitionId) is { } role && role.AllowsManagement(action))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc cref="ResourceScope.Covers"/>
    public static bool Covers(string assignmentScope, string scope) => ResourceScope.Covers(assignmentScope, scope);

    /// <summary>Assigns a role (by the server itself, as <c>--dev</c> does) at a canonical scope.</summary>
    public Task<RoleAssignment> AssignAsync(Guid principalId, RoleDefinition role, string scope, CancellationToken cancellationToken) =>
        CreateAsync(new RoleAssignment(Guid.NewGuid(), principalId, role.Id, scope, _time.GetUtcNow()), cancellationToken);

    /// <summary>Stores a new assignment; the same principal, role and scope twice is ARM's 409 <c>RoleAssignmentExists</c>.</summary>
    public async Task<RoleAssignment> CreateAsync(RoleAssignment assignment, CancellationToken cancellationToken)
    {
        try
        {
            if (!await _store.AddAsync(assignment, cancellationToken))
            {
                throw CofferErrors.RoleAssignmentExists();
            }
        }
        finally
        {
            await ChangedAsync(assignment.PrincipalId);
        }

        return assignment;
    }

    public Task<RoleAssignment?> GetAsync(Guid id, CancellationToken cancellationToken) => _store.GetAsync(id, cancellationToken);

    public Task<IReadOnlyList<RoleAssignment>> ListAsync(CancellationToken cancellationToken) => _store.ListAsync(cancellationToken);

    /// <summary>Removes an assignment; returns what was removed, or null when there was nothing.</summary>
    public async Task<RoleAssignment?> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var assignment = await _store.GetAsync(id, cancellationToken);
        if (assignment is null)
        {
            return null;
        }

        try
        {
            return await _store.DeleteAsync(id, cancellationToken) ? assignment : null;
        }
        finally
        {
            await ChangedAsync(assignment.PrincipalId);
        }
    }

    /// <summary>
    /// Removes every assignment at <paramref name="scope"/> or beneath it (Azure does so when a vault is deleted, and
    /// recovering the vault does not bring them back); returns how many went.
    /// </summary>
    public async Task<int> DeleteAtOrUnderAsync(string scope, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var assignment in await _store.ListAsync(cancellationToken))
        {
            if (ResourceScope.Covers(scope, assignment.Scope) && await DeleteAsync(assignment.Id, cancellationToken) is not null)
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>
    /// The one place the cache forgets: after every change to a principal's assignments here, and whenever another
    /// node reports one. Runs after the store write, so the next lookup reads what was written.
    /// </summary>
    public void Invalidate(Guid principalId)
    {
        Interlocked.Increment(ref _generation);
        _byPrincipal.TryRemove(principalId, out _);
    }

    private void InvalidateAll()
    {
        Interlocked.Increment(ref _generation);
        _byPrincipal.Clear();
    }

    /// <summary>After a store write: forgets the principal's assignments here and on the other nodes (even when the caller has gone).</summary>
    private async Task ChangedAsync(Guid principalId)
    {
        Invalidate(principalId);
        await _feed.PublishAsync(ChangeKinds.RoleAssignments, principalId.ToString("D"), CancellationToken.None);
    }

    private async ValueTask<IReadOnlyList<RoleAssignment>> AssignmentsOfAsync(Guid principalId, CancellationToken cancellationToken)
    {
        if (_byPrincipal.TryGetValue(principalId, out var assignments))
        {
            return assignments;
        }

        var generation = Interlocked.Read(ref _generation);
        assignments = await _store.ListForPrincipalAsync(principalId, cancellationToken);
        if (Interlocked.Read(ref _generation) == generation)
        {
            _byPrincipal[principalId] = assignments;
            if (Interlocked.Read(ref _generation) != generation)
            {
                _byPrincipal.TryRemove(principalId, out _);
            }
        }

        return assignments;
    }
}
