using Coffer.Api.Audit;
using Coffer.Api.Hosting;
using Coffer.Core.Errors;
using Coffer.Core.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Coffer.Api.Endpoints;

/// <summary>
/// The credential-bearing managed-identity protocols on the identity port (plain HTTP on 127.0.0.1, as App Service
/// serves it), both at <see cref="CofferApiOptions.IdentityPath"/>:
/// App Service, <c>GET ?api-version=2019-08-01&amp;resource=…</c> with header <c>X-IDENTITY-HEADER</c>, and Azure ML,
/// <c>GET ?api-version=2017-09-01&amp;resource=…&amp;clientid=…</c> with header <c>secret</c>. The header value is a workload
/// credential; a selector (<see cref="IdentitySelector"/>) must name the credential's own identity.
/// </summary>
internal static class ManagedIdentityEndpoints
{
    public static IEndpointRouteBuilder MapManagedIdentityEndpoints(this IEndpointRouteBuilder app, string path)
    {
        app.MapGet(path, IssueAsync).Audited("ManagedIdentityTokenIssue");
        return app;
    }

    private static async Task IssueAsync(HttpContext context, IdentityService identities, TokenIssuer issuer, CofferApiOptions options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(ManagedIdentityEndpoints).FullName!);
        if (context.Request.IsHttps)
        {
            // Served on the identity port only; on the HTTPS port this path is not an endpoint.
            throw CofferErrors.NotFound(context.Request.Path.Value ?? "/");
        }

        var query = context.Request.Query;
        var appService = context.Request.Headers["X-IDENTITY-HEADER"].ToString();
        var credential = appService.Length > 0 ? appService : context.Request.Headers["secret"].ToString();
        var protocol = appService.Length > 0 ? "App Service" : "Azure ML";
        if (credential.Length == 0)
        {
            await ManagedIdentityResponses.RefuseAsync(context, logger, 401, "invalid_request", "The X-IDENTITY-HEADER header (or, for Azure ML, the secret header) is required.");
            return;
        }

        var resource = query["resource"].ToString();
        if (resource.Length == 0)
        {
            await ManagedIdentityResponses.RefuseAsync(context, logger, 400, "invalid_request", "The 'resource' query parameter is required.");
            return;
        }

        if (ManagedIdentityResponses.Audience(resource, options) is null)
        {
            await ManagedIdentityResponses.RefuseAsync(context, logger, 400, "invalid_resource", $"Coffer issues tokens for its own resource '{options.Resource}' only.");
            return;
        }

        if (await identities.AuthenticateAsync(credential, context.RequestAborted) is not var (identity, workload))
        {
            await ManagedIdentityResponses.RefuseAsync(context, logger, 401, "invalid_client", "The identity header does not belong to a live credential of a managed identity.");
            return;
        }

        var selector = IdentitySelector.From(name => query[name]);
        if (!selector.Matches(identity, identities.ResourceIdOf(identity)))
        {
            // App Service's words for an identity that is not assigned to the caller.
            await ManagedIdentityResponses.RefuseAsync(context, logger, 400, "invalid_request",
                "No User Assigned or Delegated Managed Identity found for specified ClientId/ResourceId/PrincipalId.");
            return;
        }

        await ManagedIdentityResponses.IssueAsync(context, logger, issuer, identities, options, protocol, resource, identity, workload);
    }
}
