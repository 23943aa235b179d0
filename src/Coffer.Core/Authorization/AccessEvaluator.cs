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
        if (!_byPrincipal.TryGetValue(principal.ObjectId, out var assignments))
        {
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
        }

        foreach (var assignment in assignments)
        {
            if (InScope(assignment.Scope, vault) && BuiltInRoles.Find(assignment.RoleDefinitionId) is { } role && role.Allows(action))
            {
                return;
            }
        }

        throw CofferErrors.ForbiddenByRbac(principal.ObjectId.ToString("D"), action["Microsoft.KeyVault/vaults/".Length..], vault.Name);
    }

    public async Task AssignAsync(Guid principalId, RoleDefinition role, string scope, CancellationToken cancellationToken)
    {
        await _store.AddAsync(new RoleAssignment(Guid.NewGuid(), principalId, role.Id, scope, _time.GetUtcNow()), cancellationToken);
        Interlocked.Increment(ref _generation);
        _byPrincipal.TryRemove(principalId, out _);
    }

    public static string VaultScope(string vaultName) => "/vaults/" + vaultName;

    private static bool InScope(string scope, Vault vault) =>
        scope == "/" || string.Equals(scope, VaultScope(vault.Name), StringComparison.OrdinalIgnoreCase);
}
