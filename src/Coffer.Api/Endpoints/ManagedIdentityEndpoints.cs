using System.Globalization;
using Coffer.Api.Contracts;
using Coffer.Api.Hosting;
using Coffer.Core.Errors;
using Coffer.Core.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Coffer.Api.Endpoints;

/// <summary>
/// The App Service-style managed-identity endpoint (plain HTTP on 127.0.0.1, as App Service serves it):
/// <c>GET {IDENTITY_ENDPOINT}?api-version=2019-08-01&amp;resource=…</c> with header <c>X-IDENTITY-HEADER</c>.
/// The header value is the identity's credential.
/// </summary>
internal static class ManagedIdentityEndpoints
{
    public static IEndpointRouteBuilder MapManagedIdentityEndpoints(this IEndpointRouteBuilder app, string path)
    {
        app.MapGet(path, IssueAsync);
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
        var credential = context.Request.Headers["X-IDENTITY-HEADER"].ToString();
        if (credential.Length == 0)
        {
            await RefuseAsync(context, logger, 401, "invalid_request", "The X-IDENTITY-HEADER header is required.");
            return;
        }

        var resource = query["resource"].ToString();
        if (resource.Length == 0)
        {
            await RefuseAsync(context, logger, 400, "invalid_request", "The 'resource' query parameter is required.");
            return;
        }

        var audience = NormalizeResource(resource);
        if (!string.Equals(audience, options.Resource, StringComparison.OrdinalIgnoreCase))
        {
            await RefuseAsync(context, logger, 400, "invalid_resource", $"Coffer issues tokens for its own resource '{options.Resource}' only.");
            return;
        }

        var identity = await identities.AuthenticateAsync(credential, context.RequestAborted);
        if (identity is null)
        {
            await RefuseAsync(context, logger, 401, "invalid_client", "The identity header does not belong to a managed identity.");
            return;
        }

        var clientId = query["client_id"].ToString();
        var principalId = query["principal_id"].ToString() is { Length: > 0 } p ? p : query["object_id"].ToString();
        if (!Matches(clientId, identity.ClientId) || !Matches(principalId, identity.PrincipalId))
        {
            await RefuseAsync(context, logger, 400, "invalid_request", "The requested identity is not the one this credential belongs to.");
            return;
        }

        var token = issuer.Issue(identity, options.Resource);
        Log.ManagedIdentityTokenIssued(logger, identity.Name, identity.PrincipalId, options.Resource);
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(new ManagedIdentityToken
        {
            AccessToken = token.AccessToken,
            ExpiresOn = token.Expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ExpiresIn = (long)(token.Expires - token.IssuedAt).TotalSeconds,
            Resource = resource,
            ClientId = identity.ClientId.ToString("D"),
        }, CofferJsonContext.Wire.ManagedIdentityToken, contentType: null, context.RequestAborted);
    }

    /// <summary>An optional selector (client_id, principal_id) must, when given, name the credential's own identity.</summary>
    private static bool Matches(string selector, Guid id) => selector.Length == 0 || (Guid.TryParse(selector, out var value) && value == id);

    /// <summary>Clients send the resource as is, with a trailing slash, or as a scope ending in <c>/.default</c>.</summary>
    private static string NormalizeResource(string resource)
    {
        var value = resource.EndsWith("/.default", StringComparison.OrdinalIgnoreCase) ? resource[..^"/.default".Length] : resource;
        return value.TrimEnd('/');
    }

    private static Task RefuseAsync(HttpContext context, ILogger logger, int status, string error, string description)
    {
        Log.ManagedIdentityTokenRefused(logger, description);
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new OAuthError { Error = error, Description = description }, CofferJsonContext.Wire.OAuthError, contentType: null, context.RequestAborted);
    }
}
