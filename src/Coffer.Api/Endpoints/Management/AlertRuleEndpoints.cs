using Coffer.Api.Contracts.Management;
using Coffer.Core.Alerts;
using Coffer.Core.Authorization;
using Coffer.Core.Errors;
using Coffer.Core.Vaults;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Api.Endpoints.Management;

/// <summary>
/// <c>/subscriptions/{sub}[/resourceGroups/{rg}]/providers/Coffer.Alerts/alertRules[/{name}]</c> (api-version
/// 2025-07-01): create or replace, read and delete a rule in a resource group, and list per resource group or
/// subscription. Each is authorized by <c>Coffer.Alerts/alertRules/read|write|delete</c> on the resource group, which
/// Owner and Contributor hold (Reader reads); a subscription's list shows the rules the caller may read.
/// </summary>
internal static class AlertRuleEndpoints
{
    public const string ApiVersion = "2025-07-01";
    private const string Read = "Coffer.Alerts/alertRules/read";
    private const string Write = "Coffer.Alerts/alertRules/write";
    private const string Delete = "Coffer.Alerts/alertRules/delete";

    private static ManagementJsonContext Json => ManagementJsonContext.Wire;

    public static Task HandleAsync(ManagementRequest request, string scopePath, string? name)
    {
        var apiVersion = request.Context.Request.Query["api-version"].ToString();
        if (apiVersion != ApiVersion)
        {
            throw CofferErrors.UnsupportedApiVersion(apiVersion.Length <= 40 ? apiVersion : apiVersion[..40] + "…", AlertRuleMapper.ResourceType, ApiVersion);
        }

        var scope = request.ParseScope(scopePath);
        var path = request.Context.Request.Path.Value ?? "/";
        var alerts = request.Context.RequestServices.GetRequiredService<AlertService>();
        if (name is null)
        {
            return HttpMethods.IsGet(request.Method) ? ListAsync(request, alerts, scope) : throw CofferErrors.ManagementPathNotFound(path);
        }

        if (scope.Level != ScopeLevel.ResourceGroup)
        {
            throw CofferErrors.ManagementPathNotFound(path);
        }

        if (!AlertRuleLimits.IsValidName(name))
        {
            throw AlertErrors.InvalidName(name);
        }

        return request.Method switch
        {
            _ when HttpMethods.IsPut(request.Method) => PutAsync(request, alerts, scope, name),
            _ when HttpMethods.IsGet(request.Method) => GetAsync(request, alerts, scope, name),
            _ when HttpMethods.IsDelete(request.Method) => DeleteAsync(request, alerts, scope, name),
            _ => throw CofferErrors.ManagementPathNotFound(path),
        };
    }

    /// <summary>Creates (201) or replaces (200) a rule; the answer carries its evaluation state, which a replacement keeps.</summary>
    private static async Task PutAsync(ManagementRequest request, AlertService alerts, ResourceScope group, string name)
    {
        await request.DemandAsync(group.Path, Write);
        var body = await request.ReadBodyAsync(Json.AlertRuleResource);
        var properties = body.Properties ?? throw AlertErrors.InvalidProperty("properties", "it is required.");
        var watched = await WatchedScopeAsync(request, properties.Scope);
        var rule = AlertRuleMapper.FromWire(properties, group.ResourceGroup!, name, watched); // a resource-group scope has its name
        var created = await alerts.PutAsync(rule, request.Aborted);
        var stored = await alerts.GetAsync(rule.ResourceGroup, name, request.Aborted) ?? rule; // deleted at once by another call: answer what was put
        await request.WriteAsync(created ? StatusCodes.Status201Created : StatusCodes.Status200OK, AlertRuleMapper.ToWire(stored, request.Deployment.SubscriptionId), Json.AlertRuleResource);
    }

    private static async Task GetAsync(ManagementRequest request, AlertService alerts, ResourceScope group, string name)
    {
        await request.DemandAsync(group.Path, Read);
        var rule = await alerts.GetAsync(group.ResourceGroup!, name, request.Aborted) ?? throw AlertErrors.NotFound(name, group.ResourceGroup!);
        await request.WriteAsync(StatusCodes.Status200OK, AlertRuleMapper.ToWire(rule, request.Deployment.SubscriptionId), Json.AlertRuleResource);
    }

    /// <summary>ARM's DELETE: 200 when the rule was removed, 204 when there was none.</summary>
    private static async Task DeleteAsync(ManagementRequest request, AlertService alerts, ResourceScope group, string name)
    {
        await request.DemandAsync(group.Path, Delete);
        var deleted = await alerts.DeleteAsync(group.ResourceGroup!, name, request.Aborted);
        request.Context.Response.StatusCode = deleted ? StatusCodes.Status200OK : StatusCodes.Status204NoContent;
    }

    /// <summary>A resource group's rules (read on it demanded), or the subscription's that the caller may read.</summary>
    private static async Task ListAsync(ManagementRequest request, AlertService alerts, ResourceScope scope)
    {
        if (scope.Level == ScopeLevel.ResourceGroup)
        {
            await request.DemandAsync(scope.Path, Read);
        }
        else if (scope.Level != ScopeLevel.Subscription)
        {
            throw CofferErrors.ManagementPathNotFound(request.Context.Request.Path.Value ?? "/");
        }

        var value = new List<AlertRuleResource>();
        foreach (var rule in await alerts.ListAsync(scope.ResourceGroup, request.Aborted))
        {
            var group = ResourceScope.ResourceGroupPath(request.Deployment.SubscriptionId, rule.ResourceGroup);
            if (scope.Level == ScopeLevel.ResourceGroup || await request.Access.AllowsManagementAsync(request.Principal, group, Read, request.Aborted))
            {
                value.Add(AlertRuleMapper.ToWire(rule, request.Deployment.SubscriptionId));
            }
        }

        await request.WriteAsync(StatusCodes.Status200OK, new ArmListResult<AlertRuleResource> { Value = value }, Json.ArmListResultAlertRuleResource);
    }

    /// <summary>
    /// <c>properties.scope</c> as a canonical id: the subscription (every vault) or an existing vault of it, named
    /// with its own resource group.
    /// </summary>
    private static async Task<string> WatchedScopeAsync(ManagementRequest request, string? scope)
    {
        const string Property = "properties.scope";
        if (scope is null || scope.Length > 1024 || !ResourceScope.TryParse(scope, request.Deployment.SubscriptionId, out var parsed, out _)
            || parsed.Level is not (ScopeLevel.Subscription or ScopeLevel.Vault))
        {
            throw AlertErrors.InvalidProperty(Property, "give this deployment's subscription id (every vault) or a vault's resource id.");
        }

        if (parsed.Level == ScopeLevel.Vault)
        {
            var vault = await request.Context.RequestServices.GetRequiredService<VaultDirectory>().FindAsync(parsed.VaultName!, request.Aborted); // a vault scope has its name
            if (vault is null || !string.Equals(vault.ResourceGroup, parsed.ResourceGroup, StringComparison.OrdinalIgnoreCase))
            {
                throw AlertErrors.InvalidProperty(Property, $"there is no vault '{parsed.VaultName}' in resource group '{parsed.ResourceGroup}'.");
            }
        }

        return parsed.Path;
    }
}
