namespace Coffer.Core.Authorization;

/// <summary>
/// A principal holds a role at a scope (a canonical <see cref="ResourceScope.Path"/>: <c>/</c>, a subscription, a
/// resource group, a vault or one object in it).
/// </summary>
public sealed record RoleAssignment(Guid Id, Guid PrincipalId, Guid RoleDefinitionId, string Scope, DateTimeOffset Created)
{
    /// <summary>ARM's <c>principalType</c>: <c>ServicePrincipal</c> (managed identities and applications), <c>User</c> or <c>Group</c>.</summary>
    public string PrincipalType { get; init; } = "ServicePrincipal";

    /// <summary>Who made the assignment (null for those made by the server itself, such as <c>--dev</c>'s).</summary>
    public Guid? CreatedBy { get; init; }
}
