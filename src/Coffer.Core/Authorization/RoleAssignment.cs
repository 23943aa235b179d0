namespace Coffer.Core.Authorization;

/// <summary>A principal holds a role at a scope ("/" for everything, "/vaults/{name}" for one vault).</summary>
public sealed record RoleAssignment(Guid Id, Guid PrincipalId, Guid RoleDefinitionId, string Scope, DateTimeOffset Created);
