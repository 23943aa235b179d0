using Coffer.Api.Audit;
using Coffer.Api.Contracts;
using Coffer.Api.Hosting;
using Coffer.Core;
using Coffer.Core.Authorization;
using Coffer.Core.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coffer.Api.Endpoints;

/// <summary>
/// Managed identities as ARM resources on the bare host:
/// <c>/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}</c>
/// (PUT, GET, PATCH, DELETE) and the lists by resource group and by subscription.
/// </summary>
internal static class UserAssignedIdentityEndpoints
{
    /// <summary>The api-versions of Microsoft.ManagedIdentity that Coffer answers; the wire shape is the same for all.</summary>
    public static readonly string[] ApiVersions =
        ["2015-08-31-preview", "2018-11-30", "2021-09-30-preview", "2022-01-31-preview", "2023-01-31", "2023-07-31-preview", "2024-11-30", "2025-01-31-preview"];

    public const string Read = ManagedIdentity.ResourceType + "/read";
    public const string Write = ManagedIdentity.ResourceType + "/write";
    public const string Delete = ManagedIdentity.ResourceType + "/delete";

    internal const string Provider = "/providers/Microsoft.ManagedIdentity/userAssignedIdentities";
    internal const string Resource = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}" + Provider + "/{resourceName}";

    private static readonly CofferJsonContext Json = CofferJsonContext.Wire;

    public static IEndpointRouteBuilder MapUserAssignedIdentityEndpoints(this IEndpointRouteBuilder app, string bareHost)
    {
        app.MapGet("/subscriptions/{subscriptionId}" + Provider, ListBySubscriptionAsync).RequireHost(bareHost).Audited("IdentityList");
        app.MapGet("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}" + Provider, ListByResourceGroupAsync).RequireHost(bareHost).Audited("IdentityList");
        app.MapPut(Resource, PutAsync).RequireHost(bareHost).Audited("IdentityPut");
        app.MapGet(Resource, GetAsync).RequireHost(bareHost).Audited("IdentityGet");
        app.MapPatch(Resource, PatchAsync).RequireHost(bareHost).Audited("IdentityPatch");
        app.MapDelete(Resource, DeleteAsync).RequireHost(bareHost).Audited("IdentityDelete");
        return app;
    }

    private static async Task PutAsync(HttpContext context, string subscriptionId, string resourceGroupName, string resourceName, IdentityService identities, AccessEvaluator access, Deployment deployment)
    {
        var principal = ManagementPreconditions.Begin(context, subscriptionId, ApiVersions, ManagedIdentity.ResourceType);
        await access.DemandManagementAsync(principal, ScopeOf(deployment, resourceGroupName, resourceName), Write, context.RequestAborted);
        var body = await context.ReadOptionalBodyAsync(Json.IdentityParameters, () => new IdentityParameters());
        var (identity, created) = await identities.CreateOrUpdateAsync(resourceGroupName, resourceName, body.Location, body.Tags, context.RequestAborted);
        context.Response.StatusCode = created ? StatusCodes.Status201Created : StatusCodes.Status200OK;
        await WriteAsync(context, deployment, identity);
    }

    private static async Task GetAsync(HttpContext context, string subscriptionId, string resourceGroupName, string resourceName, IdentityService identities, AccessEvaluator access, Deployment deployment)
    {
        var principal = ManagementPreconditions.Begin(context, subscriptionId, ApiVersions, ManagedIdentity.ResourceType);
        await access.DemandManagementAsync(principal, ScopeOf(deployment, resourceGroupName, resourceName), Read, context.RequestAborted);
        await WriteAsync(context, deployment, await identities.GetAsync(resourceGroupName, resourceName, context.RequestAborted));
    }

    private static async Task PatchAsync(HttpContext context, string subscriptionId, string resourceGroupName, string resourceName, IdentityService identities, AccessEvaluator access, Deployment deployment)
    {
        var principal = ManagementPreconditions.Begin(context, subscriptionId, ApiVersions, ManagedIdentity.ResourceType);
        await access.DemandManagementAsync(principal, ScopeOf(deployment, resourceGroupName, resourceName), Write, context.RequestAborted);
        var body = await context.ReadOptionalBodyAsync(Json.IdentityParameters, () => new IdentityParameters());
        await WriteAsync(context, deployment, await identities.UpdateTagsAsync(resourceGroupName, resourceName, body.Tags, context.RequestAborted));
    }

    /// <summary>ARM's DELETE: 200 when the identity was deleted, 204 when there was none.</summary>
    private static async Task DeleteAsync(HttpContext context, string subscriptionId, string resourceGroupName, string resourceName, IdentityService identities, AccessEvaluator access, Deployment deployment)
    {
        var principal = ManagementPreconditions.Begin(context, subscriptionId, ApiVersions, ManagedIdentity.ResourceType);
        await access.DemandManagementAsync(principal, ScopeOf(deployment, resourceGroupName, resourceName), Delete, context.RequestAborted);
        var deleted = await identities.DeleteAsync(resourceGroupName, resourceName, context.RequestAborted);
        context.Response.StatusCode = deleted ? StatusCodes.Status200OK : StatusCodes.Status204NoContent;
    }

    private static async Task ListBySubscriptionAsync(HttpContext context, string subscriptionId, IdentityService identities, AccessEvaluator access, Deployment deployment)
    {
        var principal = ManagementPreconditions.Begin(context, subscriptionId, ApiVersions, ManagedIdentity.ResourceType);
        await access.DemandManagementAsync(principal, deployment.SubscriptionScope, Read, context.RequestAborted);
        await WriteListAsync(context, deployment, await identities.ListAsync(null, context.RequestAborted));
    }

    private static async Task ListByResourceGroupAsync(HttpContext context, string subscriptionId, string resourceGroupName, IdentityService identities, AccessEvaluator access, Deployment deployment)
    {
        var principal = ManagementPreconditions.Begin(context, subscriptionId, ApiVersions, ManagedIdentity.ResourceType);
        ResourceGroupName.Validate(resourceGroupName);
        await access.DemandManagementAsync(principal, $"{deployment.SubscriptionScope}/resourceGroups/{resourceGroupName}", Read, context.RequestAborted);
        await WriteListAsync(context, deployment, await identities.ListAsync(resourceGroupName, context.RequestAborted));
    }

    /// <summary>The resource id as the caller wrote it (ARM ids compare case-insensitively).</summary>
    internal static string ScopeOf(Deployment deployment, string resourceGroup, string name) =>
        ManagedIdentity.ResourceIdOf(deployment.SubscriptionId, resourceGroup, name);

    private static Task WriteAsync(HttpContext context, Deployment deployment, ManagedIdentity identity) =>
        context.Response.WriteAsJsonAsync(ToWire(deployment, identity), Json.IdentityResource, contentType: null, context.RequestAborted);

    private static Task WriteListAsync(HttpContext context, Deployment deployment, IReadOnlyList<ManagedIdentity> identities) =>
        context.Response.WriteAsJsonAsync(
            new ListResult<IdentityResource> { Value = [.. identities.Select(i => ToWire(deployment, i))] },
            Json.ListResultIdentityResource, contentType: null, context.RequestAborted);

    private static IdentityResource ToWire(Deployment deployment, ManagedIdentity identity) => new()
    {
        Id = identity.ResourceId(deployment.SubscriptionId),
        Name = identity.Name,
        Type = ManagedIdentity.ResourceType,
        Location = identity.Location,
        Tags = identity.Tags,
        Properties = new UserAssignedIdentityProperties
        {
            TenantId = deployment.TenantId.ToString("D"),
            PrincipalId = identity.PrincipalId.ToString("D"),
            ClientId = identity.ClientId.ToString("D"),
        },
    };
}
