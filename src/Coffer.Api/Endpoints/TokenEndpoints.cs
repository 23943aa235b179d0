using Coffer.Api.Audit;
using Coffer.Core.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coffer.Api.Endpoints;

/// <summary>
/// The token service on the bare host: the OAuth2 client-credentials grant for service principals, through Entra's
/// v2 path (<c>POST /{tenant}/oauth2/v2.0/token</c>, <c>scope={resource}/.default</c>) and the ADFS-style path
/// (<c>POST /adfs/oauth2/token</c>, which also takes v1's <c>resource=</c>). <see cref="ClientCredentialsGrant"/> does the work.
/// </summary>
internal static class TokenEndpoints
{
    public static RouteGroupBuilder MapTokenEndpoints(this RouteGroupBuilder bare)
    {
        bare.MapPost("/{tenant}/oauth2/v2.0/token", (HttpContext context, string tenant, TokenAuthority authority, ClientCredentialsGrant grant) =>
            grant.HandleAsync(context, authority.Issuer, acceptsResource: false, IsTenant(tenant, authority) ? null : TokenError.UnknownTenant(tenant))).Audited("TokenIssue");
        bare.MapPost("/adfs/oauth2/token", (HttpContext context, TokenAuthority authority, ClientCredentialsGrant grant) =>
            grant.HandleAsync(context, authority.AdfsIssuer ?? authority.Issuer, acceptsResource: true, refused: null)).Audited("TokenIssue");
        return bare;
    }

    /// <summary>The path's tenant must be the deployment's (a GUID, any casing).</summary>
    internal static bool IsTenant(string tenant, TokenAuthority authority) => Guid.TryParse(tenant, out var id) && id == authority.TenantId;
}
