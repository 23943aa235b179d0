using System.Globalization;
using Coffer.Api.Audit;
using Coffer.Api.Contracts;
using Coffer.Api.Hosting;
using Coffer.Core;
using Coffer.Core.Authorization;
using Coffer.Core.Errors;
using Coffer.Core.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coffer.Api.Endpoints;

/// <summary>
/// Coffer's own ARM actions on a user-assigned identity: <c>POST {identityId}/credentials</c> mints a workload
/// credential (shown once) and <c>DELETE {identityId}/credentials/{id}</c> revokes one with its tokens. Both need
/// <c>Microsoft.ManagedIdentity/userAssignedIdentities/assign/action</c>, the right to act as the identity.
/// </summary>
internal static class IdentityCredentialEndpoints
{
    public const string Assign = ManagedIdentity.ResourceType + "/assign/action";
    private const string CredentialType = ManagedIdentity.ResourceType + "/credentials";

    private static readonly CofferJsonContext Json = CofferJsonContext.Wire;

    public static IEndpointRouteBuilder MapIdentityCredentialEndpoints(this IEndpointRouteBuilder app, string bareHost)
    {
        app.MapPost(UserAssignedIdentityEndpoints.Resource + "/credentials", CreateAsync).RequireHost(bareHost).Audited("IdentityCredentialCreate");
        app.MapDelete(UserAssignedIdentityEndpoints.Resource + "/credentials/{credentialId}", RevokeAsync).RequireHost(bareHost).Audited("IdentityCredentialRevoke");
        return app;
    }

    private static async Task CreateAsync(
        HttpContext context, string subscriptionId, string resourceGroupName, string resourceName,
        IdentityService identities, AccessEvaluator access, Deployment deployment, CofferApiOptions options)
    {
        var principal = ManagementPreconditions.Begin(context, subscriptionId, UserAssignedIdentityEndpoints.ApiVersions, ManagedIdentity.ResourceType);
        await access.DemandManagementAsync(principal, UserAssignedIdentityEndpoints.ScopeOf(deployment, resourceGroupName, resourceName), Assign, context.RequestAborted);
        var body = await context.ReadOptionalBodyAsync(Json.IdentityCredentialParameters, () => new IdentityCredentialParameters());
        var identity = await identities.GetAsync(resourceGroupName, resourceName, context.RequestAborted);
        var (credential, secret) = await identities.AddCredentialAsync(identity, body.ExpiresOn, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(new IdentityCredential
        {
            Id = credential.Id.ToString("D"),
            IdentityHeader = secret,
            IdentityEndpoint = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{options.IdentityPort}{options.IdentityPath}"),
            ClientId = identity.ClientId.ToString("D"),
            PrincipalId = identity.PrincipalId.ToString("D"),
            ExpiresOn = credential.Expires,
        }, Json.IdentityCredential, contentType: null, context.RequestAborted);
    }

    private static async Task RevokeAsync(
        HttpContext context, string subscriptionId, string resourceGroupName, string resourceName, string credentialId,
        IdentityService identities, AccessEvaluator access, Deployment deployment)
    {
        var principal = ManagementPreconditions.Begin(context, subscriptionId, UserAssignedIdentityEndpoints.ApiVersions, ManagedIdentity.ResourceType);
        await access.DemandManagementAsync(principal, UserAssignedIdentityEndpoints.ScopeOf(deployment, resourceGroupName, resourceName), Assign, context.RequestAborted);
        var identity = await identities.GetAsync(resourceGroupName, resourceName, context.RequestAborted);
        if (!Guid.TryParse(credentialId, out var id) || !await identities.RevokeCredentialAsync(identity, id, context.RequestAborted))
        {
            throw CofferErrors.ResourceNotFound(CredentialType, $"{identity.Name}/{(credentialId.Length <= 40 ? credentialId : credentialId[..40])}", identity.ResourceGroup);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}
