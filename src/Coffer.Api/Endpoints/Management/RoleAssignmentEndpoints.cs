using Coffer.Api.Contracts.Management;
using Coffer.Core.Authorization;
using Coffer.Core.Errors;
using Microsoft.AspNetCore.Http;
using CoreRoleAssignment = Coffer.Core.Authorization.RoleAssignment;

namespace Coffer.Api.Endpoints.Management;

/// <summary>
/// <c>{scope}/providers/Microsoft.Authorization/roleAssignments[/{guid}]</c> (2022-04-01): create, read, delete and
/// list, each authorized by <c>Microsoft.Authorization/roleAssignments/write|read|delete</c> on the scope.
/// </summary>
internal static class RoleAssignmentEndpoints
{
    private const string Read = "Microsoft.Authorization/roleAssignments/read";
    private const string Write = "Microsoft.Authorization/roleAssignments/write";
    private const string Delete = "Microsoft.Authorization/roleAssignments/delete";

    private static readonly string[] PrincipalTypes = ["ServicePrincipal", "User", "Group", "ForeignGroup", "Device"];

    private static ManagementJsonContext Json => ManagementJsonContext.Wire;

    public static Task HandleAsync(ManagementRequest request, string scopePath, string? name)
    {
        var scope = request.ParseScope(scopePath);
        if (name is null)
        {
            return HttpMethods.IsGet(request.Method) ? ListAsync(request, scope) : throw CofferErrors.ManagementPathNotFound(request.Context.Request.Path);
        }

        if (!Guid.TryParse(name, out var id))
        {
            throw CofferErrors.InvalidRoleAssignmentId(name);
        }

        return request.Method switch
        {
            _ when HttpMethods.IsPut(request.Method) => CreateAsync(request, scope, id),
            _ when HttpMethods.IsGet(request.Method) => GetAsync(request, scope, id),
            _ when HttpMethods.IsDelete(request.Method) => DeleteAsync(request, scope, id),
            _ => throw CofferErrors.ManagementPathNotFound(request.Context.Request.Path),
        };
    }

    private static async Task CreateAsync(ManagementRequest request, ResourceScope scope, Guid id)
    {
        await request.DemandAsync(scope.Path, Write);
        var body = await request.ReadBodyAsync(Json.RoleAssignmentCreateParameters);
        var properties = body.Properties ?? throw CofferErrors.InvalidRequestContent("The request content was invalid and could not be deserialized: 'properties' is required.");
        var role = RoleAssignmentMapper.FindRole(properties.RoleDefinitionId, request.Deployment.SubscriptionId)
            ?? throw CofferErrors.RoleDefinitionDoesNotExist(properties.RoleDefinitionId ?? string.Empty);
        if (!Guid.TryParse(properties.PrincipalId, out var principalId))
        {
            throw CofferErrors.InvalidPrincipalId(properties.PrincipalId);
        }

        var principalType = properties.PrincipalType is null
            ? PrincipalTypes[0]
            : Array.Find(PrincipalTypes, t => t.Equals(properties.PrincipalType, StringComparison.OrdinalIgnoreCase))
                ?? throw CofferErrors.ArmBadRequest($"The principalType '{properties.PrincipalType}' is not valid (properties.principalType).");

        if (await request.Access.GetAsync(id, request.Aborted) is { } existing)
        {
            var same = existing.PrincipalId == principalId && existing.RoleDefinitionId == role.Id
                && string.Equals(existing.Scope, scope.Path, StringComparison.OrdinalIgnoreCase);
            throw same ? CofferErrors.RoleAssignmentExists() : CofferErrors.RoleAssignmentUpdateNotPermitted();
        }

        var assignment = new CoreRoleAssignment(id, principalId, role.Id, scope.Path, request.Time.GetUtcNow())
        {
            PrincipalType = principalType,
            CreatedBy = request.Principal.ObjectId,
        };
        await request.Access.CreateAsync(assignment, request.Aborted);
        await request.WriteAsync(StatusCodes.Status201Created, RoleAssignmentMapper.ToWire(assignment, request.Deployment.SubscriptionId), Json.RoleAssignment);
    }

    private static async Task GetAsync(ManagementRequest request, ResourceScope scope, Guid id)
    {
        await request.DemandAsync(scope.Path, Read);
        var assignment = await request.Access.GetAsync(id, request.Aborted);
        if (assignment is null || !string.Equals(assignment.Scope, scope.Path, StringComparison.OrdinalIgnoreCase))
        {
            throw CofferErrors.RoleAssignmentNotFound(id.ToString("D"));
        }

        await request.WriteAsync(StatusCodes.Status200OK, RoleAssignmentMapper.ToWire(assignment, request.Deployment.SubscriptionId), Json.RoleAssignment);
    }

    /// <summary>ARM answers 200 with what it removed, and 204 when there was nothing at that id and scope.</summary>
    private static async Task DeleteAsync(ManagementRequest request, ResourceScope scope, Guid id)
    {
        await request.DemandAsync(scope.Path, Delete);
        var existing = await request.Access.GetAsync(id, request.Aborted);
        if (existing is null || !string.Equals(existing.Scope, scope.Path, StringComparison.OrdinalIgnoreCase)
            || await request.Access.DeleteAsync(id, request.Aborted) is not { } deleted)
        {
            request.Context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        await request.WriteAsync(StatusCodes.Status200OK, RoleAssignmentMapper.ToWire(deleted, request.Deployment.SubscriptionId), Json.RoleAssignment);
    }

    /// <summary>
    /// As ARM lists: without a filter, assignments at, above and below the scope; <c>atScope()</c> keeps those at or
    /// above it; <c>principalId eq '…'</c> and <c>assignedTo('…')</c> keep one principal's.
    /// </summary>
    private static async Task ListAsync(ManagementRequest request, ResourceScope scope)
    {
        await request.DemandAsync(scope.Path, Read);
        var filter = RoleAssignmentFilter.Parse(request.Context.Request.Query["$filter"].ToString());
        var all = await request.Access.ListAsync(request.Aborted);
        var value = all
            .Where(a => ResourceScope.Covers(a.Scope, scope.Path) || (!filter.AtScopeOnly && ResourceScope.Covers(scope.Path, a.Scope)))
            .Where(a => filter.PrincipalId is not { } principal || a.PrincipalId == principal)
            .Select(a => RoleAssignmentMapper.ToWire(a, request.Deployment.SubscriptionId))
            .ToList();
        await request.WriteAsync(StatusCodes.Status200OK, new ArmListResult<Contracts.Management.RoleAssignment> { Value = value }, Json.ArmListResultRoleAssignment);
    }
}
