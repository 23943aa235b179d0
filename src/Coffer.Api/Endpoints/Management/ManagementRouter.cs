using System.Text.RegularExpressions;
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
/// one dispatcher splits the path: authenticate (ARM's 401), require an api-version, then hand the scope to the
/// resource's endpoints, which authorize their action on it.
/// </summary>
internal static partial class ManagementRouter
{
    private const string AuthorizationProvider = "/providers/Microsoft.Authorization/";

    public static IEndpointRouteBuilder MapManagementEndpoints(this IEndpointRouteBuilder app)
    {
        app.Map("/subscriptions/{**rest}", DispatchAsync);
        app.Map("/providers/{**rest}", DispatchAsync);
        return app;
    }

    private static async Task DispatchAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (context.Features.Get<VaultRequest>() is not null)
        {
            // A vault host serves the data plane only.
            throw CofferErrors.NotFound(path);
        }

        var principal = context.ManagementPrincipal();
        if (string.IsNullOrEmpty(context.Request.Query["api-version"].ToString()))
        {
            throw CofferErrors.MissingApiVersion();
        }

        var services = context.RequestServices;
        var request = new ManagementRequest(context, principal, services.GetRequiredService<Deployment>(), services.GetRequiredService<AccessEvaluator>(), services.GetRequiredService<TimeProvider>());
        var trimmed = path.TrimEnd('/');
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
    /// <c>{subscription or resource group}/providers/Microsoft.KeyVault/vaults[/{name}[/accessPolicies/{kind}]]</c>.
    /// </summary>
    [GeneratedRegex(@"^(?<scope>/subscriptions/[^/]+(?:/resourceGroups/[^/]+)?)/providers/Microsoft\.KeyVault/vaults(?:/(?<name>[^/]+)(?:/accessPolicies/(?<kind>[^/]+))?)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VaultPath();
}
