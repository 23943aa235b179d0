using Coffer.Api.Audit;
using Coffer.Api.Hosting;
using Coffer.Core.Errors;
using Coffer.Core.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Coffer.Api.Endpoints;

/// <summary>
/// The credential-less managed-identity protocols on the identity port, which serve only the identities assigned to
/// this host (<see cref="CofferApiOptions.HostIdentities"/>, from <c>serve --imds-identity</c>):
/// IMDS, <c>GET /metadata/identity/oauth2/token[/]?api-version=2018-02-01&amp;resource=…</c> with <c>Metadata: true</c>, and
/// Cloud Shell, <c>POST {CloudShellPath}</c> with form <c>resource=…</c> and <c>Metadata: true</c>.
/// </summary>
internal static class HostIdentityEndpoints
{
    public static IEndpointRouteBuilder MapHostIdentityEndpoints(this IEndpointRouteBuilder app, CofferApiOptions options)
    {
        // Routing ignores a trailing slash, so this also serves JavaScript's ".../token/".
        app.MapGet(CofferApiOptions.ImdsPath, ImdsAsync).Audited("ManagedIdentityTokenIssue");
        app.MapPost(options.CloudShellPath, CloudShellAsync).Audited("ManagedIdentityTokenIssue");
        return app;
    }

    private static Task ImdsAsync(HttpContext context, IdentityService identities, TokenIssuer issuer, CofferApiOptions options, ILoggerFactory loggers)
    {
        var query = context.Request.Query;
        // IMDS wants Metadata: true so that a plain URL fetch (a server-side request forgery) cannot get a token.
        // .NET's DefaultAzureCredential probes without it and needs a token back; its probe always carries
        // x-ms-client-request-id, which a plain URL fetch cannot set either, so that header stands in for it.
        var guarded = IsMetadataTrue(context) || context.Request.Headers.ContainsKey("x-ms-client-request-id");
        return IssueAsync(context, identities, issuer, options, loggers, "IMDS", guarded, name => query[name]);
    }

    private static async Task CloudShellAsync(HttpContext context, IdentityService identities, TokenIssuer issuer, CofferApiOptions options, ILoggerFactory loggers)
    {
        if (!context.Request.HasFormContentType)
        {
            await ManagedIdentityResponses.RefuseAsync(context, Logger(loggers), 400, "invalid_request", "The request must be a form (application/x-www-form-urlencoded) with a 'resource' field.");
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        await IssueAsync(context, identities, issuer, options, loggers, "Cloud Shell", IsMetadataTrue(context), name => form[name]);
    }

    private static async Task IssueAsync(
        HttpContext context, IdentityService identities, TokenIssuer issuer, CofferApiOptions options, ILoggerFactory loggers,
        string protocol, bool guarded, Func<string, StringValues> parameter)
    {
        var logger = Logger(loggers);
        if (context.Request.IsHttps)
        {
            // Served on the identity port only; on the HTTPS port this path is not an endpoint.
            throw CofferErrors.NotFound(context.Request.Path.Value ?? "/");
        }

        if (!guarded)
        {
            await ManagedIdentityResponses.RefuseAsync(context, logger, 400, "invalid_request", "Required metadata header not specified");
            return;
        }

        var resource = parameter("resource").ToString();
        if (resource.Length == 0)
        {
            await ManagedIdentityResponses.RefuseAsync(context, logger, 400, "invalid_request", "Required audience parameter not specified");
            return;
        }

        if (ManagedIdentityResponses.Audience(resource, options) is null)
        {
            await ManagedIdentityResponses.RefuseAsync(context, logger, 400, "invalid_resource", $"Coffer issues tokens for its own resource '{options.Resource}' only.");
            return;
        }

        var selector = IdentitySelector.From(parameter);
        var candidates = new List<ManagedIdentity>();
        foreach (var name in options.HostIdentities)
        {
            if (await identities.FindAsync(name, context.RequestAborted) is { } identity && selector.Matches(identity, identities.ResourceIdOf(identity)))
            {
                candidates.Add(identity);
            }
        }

        switch (candidates.Count)
        {
            case 0:
                // IMDS's answer when no (or no such) identity is assigned; .NET's probe reads it as "not available here".
                await ManagedIdentityResponses.RefuseAsync(context, logger, 400, "invalid_request", "Identity not found");
                break;
            case > 1 when selector.IsEmpty:
                await ManagedIdentityResponses.RefuseAsync(context, logger, 400, "invalid_request",
                    "Multiple user assigned identities exist, please specify the clientId / resourceId of the identity in the token request");
                break;
            default:
                await ManagedIdentityResponses.IssueAsync(context, logger, issuer, identities, options, protocol, resource, candidates[0], credential: null);
                break;
        }
    }

    private static bool IsMetadataTrue(HttpContext context) =>
        string.Equals(context.Request.Headers["Metadata"].ToString(), "true", StringComparison.OrdinalIgnoreCase);

    private static ILogger Logger(ILoggerFactory loggers) => loggers.CreateLogger(typeof(HostIdentityEndpoints).FullName!);
}
