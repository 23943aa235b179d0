using System.Text.RegularExpressions;
using Coffer.Api.Audit;
using Coffer.Api.Hosting;
using Coffer.Core;
using Coffer.Core.Authorization;
using Coffer.Core.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Api.Endpoints.Management;

/// <summary>
/// The ARM-shaped management API on the bare host. ARM paths nest a provider under any scope
/// (<c>{scope}/providers/Microsoft.Authorization/roleAssignments/{id}</c>), which route templates cannot express, so
/// one dispatcher splits the path: the shared preconditions (<see cref="ManagementPreconditions"/>), then the
/// resource's endpoints, which authorize their action on the scope.
/// </summary>
internal static partial class ManagementRouter
{
    private const string AuthorizationProvider = "/providers/Microsoft.Authorization/";

    public static IEndpointRouteBuilder MapManagementEndpoints(this IEndpointRouteBuilder app)
    {
        app.Map("/subscriptions/{**rest}", DispatchAsync).Audited(AuditOperationNames.Management);
        app.Map("/providers/{**rest}", DispatchAsync).Audited(AuditOperationNames.Management);
        return app;
    }

    private static async Task DispatchAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var trimmed = path.TrimEnd('/');
        var principal = ManagementPreconditions.Begin(context, SubscriptionOf(trimmed));
        var services = context.RequestServices;
        var request = new ManagementRequest(context, principal, services.GetRequiredService<Deployment>(), services.GetRequiredService<AccessEvaluator>(), services.GetRequiredService<TimeProvider>());
        var provider = trimmed.LastIndexOf(AuthorizationProvider, StringComparison.OrdinalIgnoreCase);
        if (provider >= 0)
        {
            var scope = provider == 0 ? "/" : trimmed[..provider];
            var rest = trimmed[(provider + AuthorizationProvider.Length)..].Split('/');
            var id = rest.Length == 2 ? rest[1] : null;
            if (rest.Length <= 2 && rest[0].Equals("roleAssignments", StringComparison.OrdinalIgnoreCase))
            {
                await RoleAssignmentEndpoints.HandleAsync(request, scope, id);
                return;
            }

            if (rest.Length <= 2 && rest[0].Equals("roleDefinitions", StringComparison.OrdinalIgnoreCase))
            {
                await RoleDefinitionEndpoints.HandleAsync(request, scope, id);
                return;
            }

            if (rest.Length <= 2 && rest[0].Equals("locks", StringComparison.OrdinalIgnoreCase))
            {
                await LockEndpoints.HandleAsync(request, scope, id);
                return;
            }
        }

        if (DeletedVaultPath().Match(trimmed) is { Success: true } deleted)
        {
            await DeletedVaultEndpoints.HandleAsync(
                request, deleted.Groups["scope"].Value, deleted.Groups["location"].Success ? deleted.Groups["location"].Value : null,
                deleted.Groups["name"].Success ? deleted.Groups["name"].Value : null, deleted.Groups["purge"].Success);
            return;
        }

        if (AlertRulePath().Match(trimmed) is { Success: true } alertRule)
        {
            await AlertRuleEndpoints.HandleAsync(request, alertRule.Groups["scope"].Value, alertRule.Groups["name"].Success ? alertRule.Groups["name"].Value : null);
            return;
        }

        if (VaultPath().Match(trimmed) is { Success: true } vault)
        {
            await VaultEndpoints.HandleAsync(
                request, vault.Groups["scope"].Value, vault.Groups["name"].Success ? vault.Groups["name"].Value : null,
                vault.Groups["kind"].Success ? vault.Groups["kind"].Value : null);
            return;
        }

        throw CofferErrors.ManagementPathNotFound(path);
    }

    /// <summary>
    /// The subscription a path names, for the 404 of a foreign one; a malformed id is left to the scope parser's 400
    /// (<c>InvalidScope</c>), and paths under <c>/providers</c> name none.
    /// </summary>
    private static string? SubscriptionOf(string path)
    {
        var segments = path.Split('/');
        return segments.Length > 2 && segments[1].Equals("subscriptions", StringComparison.OrdinalIgnoreCase) && Guid.TryParse(segments[2], out _) ? segments[2] : null;
    }

    /// <summary>
    /// <c>{subscription or resource group}/providers/Microsoft.KeyVault/vaults[/{name}[/accessPolicies/{kind}]]</c>.
    /// </summary>
    [GeneratedRegex(@"^(?<scope>/subscriptions/[^/]+(?:/resourceGroups/[^/]+)?)/providers/Microsoft\.KeyVault/vaults(?:/(?<name>[^/]+)(?:/accessPolicies/(?<kind>[^/]+))?)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VaultPath();

    /// <summary><c>{subscription or resource group}/providers/Coffer.Alerts/alertRules[/{name}]</c>.</summary>
    [GeneratedRegex(@"^(?<scope>/subscriptions/[^/]+(?:/resourceGroups/[^/]+)?)/providers/Coffer\.Alerts/alertRules(?:/(?<name>[^/]+))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AlertRulePath();

    /// <summary>
    /// <c>/subscriptions/{sub}/providers/Microsoft.KeyVault/deletedVaults</c> (list) and
    /// <c>…/locations/{location}/deletedVaults/{name}[/purge]</c>.
    /// </summary>
    [GeneratedRegex(@"^(?<scope>/subscriptions/[^/]+)/providers/Microsoft\.KeyVault/(?:deletedVaults|locations/(?<location>[^/]+)/deletedVaults/(?<name>[^/]+)(?<purge>/purge)?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DeletedVaultPath();
}
