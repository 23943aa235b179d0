using Coffer.Core.Authorization;
using CoreRoleAssignment = Coffer.Core.Authorization.RoleAssignment;

namespace Coffer.Api.Contracts.Management;

/// <summary>Maps role assignments and role definitions between the domain and ARM's wire shapes, with ids built in one place.</summary>
internal static class RoleAssignmentMapper
{
    public const string RoleDefinitionsPath = "/providers/Microsoft.Authorization/roleDefinitions/";
    public const string RoleAssignmentsPath = "/providers/Microsoft.Authorization/roleAssignments/";

    /// <summary><c>{scope}/providers/Microsoft.Authorization/roleAssignments/{name}</c>, where scope <c>/</c> adds nothing.</summary>
    public static string AssignmentId(string scope, Guid name) => ScopePrefix(scope) + RoleAssignmentsPath + name.ToString("D");

    /// <summary>A role definition's id as ARM returns it: under the subscription, or at the root for scope <c>/</c>.</summary>
    public static string DefinitionId(Guid subscriptionId, Guid roleId, bool atRoot = false) =>
        (atRoot ? string.Empty : ResourceScope.SubscriptionPath(subscriptionId)) + RoleDefinitionsPath + roleId.ToString("D");

    public static RoleAssignment ToWire(CoreRoleAssignment assignment, Guid subscriptionId) => new()
    {
        Id = AssignmentId(assignment.Scope, assignment.Id),
        Name = assignment.Id.ToString("D"),
        Properties = new RoleAssignmentProperties
        {
            RoleDefinitionId = DefinitionId(subscriptionId, assignment.RoleDefinitionId),
            PrincipalId = assignment.PrincipalId.ToString("D"),
            PrincipalType = assignment.PrincipalType,
            Scope = assignment.Scope,
            CreatedOn = assignment.Created.UtcDateTime,
            UpdatedOn = assignment.Created.UtcDateTime,
            CreatedBy = assignment.CreatedBy?.ToString("D"),
            UpdatedBy = assignment.CreatedBy?.ToString("D"),
        },
    };

    public static RoleDefinition ToWire(Core.Authorization.RoleDefinition role, Guid subscriptionId, bool atRoot) => new()
    {
        Id = DefinitionId(subscriptionId, role.Id, atRoot),
        Name = role.Id.ToString("D"),
        Properties = new RoleDefinitionProperties
        {
            RoleName = role.Name,
            Description = role.Description,
            Permissions = [new Permission { Actions = role.Actions, NotActions = role.NotActions, DataActions = role.DataActions }],
        },
    };

    /// <summary>
    /// The role a <c>roleDefinitionId</c> names: <c>[{scope}]/providers/Microsoft.Authorization/roleDefinitions/{guid}</c>
    /// of this subscription, or the bare GUID. Null when it names no built-in role.
    /// </summary>
    public static Core.Authorization.RoleDefinition? FindRole(string? roleDefinitionId, Guid subscriptionId)
    {
        if (string.IsNullOrEmpty(roleDefinitionId))
        {
            return null;
        }

        var at = roleDefinitionId.LastIndexOf(RoleDefinitionsPath, StringComparison.OrdinalIgnoreCase);
        var prefix = at < 0 ? string.Empty : roleDefinitionId[..at];
        var guid = at < 0 ? roleDefinitionId : roleDefinitionId[(at + RoleDefinitionsPath.Length)..];
        if (prefix.Length > 0 && !ResourceScope.TryParse(prefix, subscriptionId, out _, out _))
        {
            return null;
        }

        return Guid.TryParse(guid, out var id) ? BuiltInRoles.Find(id) : null;
    }

    private static string ScopePrefix(string scope) => scope == "/" ? string.Empty : scope;
}
