using Coffer.Api.Audit;
using Coffer.Core.Errors;
using Coffer.Core.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Coffer.Api.Hosting;

/// <summary>
/// The caller of a management-API request (the ARM-shaped routes on the bare host), proven by the same bearer tokens
/// as the data plane. Anything else gets ARM's 401 with a challenge naming Coffer's authority.
/// </summary>
internal static class ManagementAuthentication
{
    /// <summary>The verified caller; throws ARM's 401 (<c>AuthenticationFailed</c>, <c>InvalidAuthenticationToken</c>) otherwise.</summary>
    public static Principal ManagementPrincipal(this HttpContext context)
    {
        var challenge = context.RequestServices.GetRequiredService<Challenge>();
        var port = context.Request.Host.Port ?? 443;
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers[HeaderNames.WWWAuthenticate] = challenge.ManagementHeaderFor(port, null);
            throw new CofferException(401, ErrorCodes.AuthenticationFailed, "Authentication failed. The 'Authorization' header is missing.");
        }

        var tokens = context.RequestServices.GetRequiredService<TokenValidator>();
        if (!tokens.TryValidate(authorization[7..].Trim(), challenge.ResourceFor(port), out var principal, out var failure))
        {
            context.Response.Headers[HeaderNames.WWWAuthenticate] = challenge.ManagementHeaderFor(port, "invalid_token");
            throw new CofferException(401, ErrorCodes.InvalidAuthenticationToken, "The access token is invalid: " + failure);
        }

        context.Features.Get<AuditFeature>()?.Caller = principal;
        return principal;
    }
}
