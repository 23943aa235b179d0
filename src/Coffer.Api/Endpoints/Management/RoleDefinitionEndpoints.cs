using System.Text.RegularExpressions;
using Coffer.Api.Contracts.Management;
using Coffer.Core.Authorization;
using Coffer.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace Coffer.Api.Endpoints.Management;

/// <summary>
/// <c>{scope}/providers/Microsoft.Authorization/roleDefinitions[/{guid}]</c>: the built-in roles Coffer knows, in
/// ARM's shape, authorized by <c>Microsoft.Authorization/roleDefinitions/read</c> on the scope.
/// </summary>
internal static partial class RoleDefinitionEndpoints
{
    private const string Read = "Microsoft.Authorization/roleDefinitions/read";

    private static ManagementJsonContext Json => ManagementJsonContext.Wire;

    public static async Task HandleAsync(ManagementRequest request, string scopePath, string? name)
    {
        var scope = request.ParseScope(scopePath);
        if (!HttpMethods.IsGet(request.Method))
        {
            throw CofferErrors.ManagementPathNotFound(request.Context.Request.Path);
        }

        await request.DemandAsync(scope.Path, Read);
        var atRoot = scope.Level == ScopeLevel.Root;
        var subscription = request.Deployment.SubscriptionId;
        if (name is not null)
        {
            var role = (Guid.TryParse(name, out var id) ? BuiltInRoles.Find(id) : null) ?? throw CofferErrors.RoleDefinitionNotFound(name);
            await request.WriteAsync(StatusCodes.Status200OK, RoleAssignmentMapper.ToWire(role, subscription, atRoot), Json.RoleDefinition);
            return;
        }

        var roleName = RoleNameFilter(request.Context.Request.Query["$filter"].ToString());
        var value = BuiltInRoles.All
            .Where(r => roleName is null || string.Equals(r.Name, roleName, StringComparison.OrdinalIgnoreCase))
            .Select(r => RoleAssignmentMapper.ToWire(r, subscription, atRoot))
            .ToList();
        await request.WriteAsync(StatusCodes.Status200OK, new ArmListResult<Contracts.Management.RoleDefinition> { Value = value }, Json.ArmListResultRoleDefinition);
    }

    /// <summary>The name in <c>roleName eq '…'</c>; null for no filter or <c>type eq 'BuiltInRole'</c> (every role here is one).</summary>
    private static string? RoleNameFilter(string filter)
    {
        if (string.IsNullOrWhiteSpace(filter) || BuiltInType().IsMatch(filter.Trim()))
        {
            return null;
        }

        return RoleName().Match(filter.Trim()) is { Success: true } match ? match.Groups["name"].Value : throw CofferErrors.InvalidFilter(filter);
    }

    [GeneratedRegex(@"^roleName\s+eq\s+'(?<name>[^']*)'$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RoleName();

    [GeneratedRegex(@"^type\s+eq\s+'BuiltInRole'$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BuiltInType();
}
