using Coffer.Api.Audit;
using Coffer.Api.Contracts;
using Coffer.Api.Hosting;
using Coffer.Core.Crypto;
using Coffer.Core.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coffer.Api.Endpoints;

/// <summary>
/// What clients read before they ask for a token: OpenID discovery for the v2 authority
/// (<c>/{tenant}/v2.0/.well-known/openid-configuration</c>) and the ADFS-style one (<c>/adfs/…</c>, also under
/// <c>/adfs/{tenant}/</c> as az asks), the signing keys (JWKS), and WebFinger for MSAL.NET's ADFS validation.
/// Each document's <c>issuer</c> is the <c>iss</c> of the tokens its token endpoint issues (msal-node checks it).
/// </summary>
internal static class DiscoveryEndpoints
{
    private const string TrustedRealm = "http://schemas.microsoft.com/rel/trusted-realm";

    public static RouteGroupBuilder MapDiscoveryEndpoints(this RouteGroupBuilder bare, CofferApiOptions options)
    {
        var origin = options.Resource;
        bare.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (HttpContext context, string tenant, TokenAuthority authority, TimeProvider time) =>
            TokenEndpoints.IsTenant(tenant, authority)
                ? WriteAsync(context, V2Document(origin, authority), CofferJsonContext.Wire.OpenIdConfiguration)
                : EntraErrorWriter.WriteAsync(context, time, TokenError.UnknownTenant(tenant))).Audited("OpenIdConfigurationGet");
        bare.MapGet("/adfs/.well-known/openid-configuration", (HttpContext context, TokenAuthority authority) =>
            WriteAsync(context, AdfsDocument(origin, authority), CofferJsonContext.Wire.OpenIdConfiguration)).Audited("OpenIdConfigurationGet");
        bare.MapGet("/adfs/{tenant}/.well-known/openid-configuration", (HttpContext context, TokenAuthority authority) =>
            WriteAsync(context, AdfsDocument(origin, authority), CofferJsonContext.Wire.OpenIdConfiguration)).Audited("OpenIdConfigurationGet");
        bare.MapGet("/{tenant}/discovery/v2.0/keys", (HttpContext context, SigningKeyRing keys) => WriteAsync(context, KeySet(keys), CofferJsonContext.Wire.JsonWebKeySet)).Audited("SigningKeysGet");
        bare.MapGet("/adfs/discovery/keys", (HttpContext context, SigningKeyRing keys) => WriteAsync(context, KeySet(keys), CofferJsonContext.Wire.JsonWebKeySet)).Audited("SigningKeysGet");
        bare.MapGet("/.well-known/webfinger", WebFingerAsync).Audited("WebFingerGet");
        return bare;
    }

    private static OpenIdConfiguration V2Document(string origin, TokenAuthority authority)
    {
        var tenant = authority.TenantId.ToString("D");
        return new OpenIdConfiguration
        {
            Issuer = authority.Issuer,
            AuthorizationEndpoint = $"{origin}/{tenant}/oauth2/v2.0/authorize",
            TokenEndpoint = $"{origin}/{tenant}/oauth2/v2.0/token",
            JwksUri = $"{origin}/{tenant}/discovery/v2.0/keys",
            ResponseTypesSupported = ["token"],
            SubjectTypesSupported = ["public"],
            IdTokenSigningAlgValuesSupported = ["RS256"],
            TokenEndpointAuthMethodsSupported = ["client_secret_post", "client_secret_basic"],
            GrantTypesSupported = ["client_credentials"],
        };
    }

    private static OpenIdConfiguration AdfsDocument(string origin, TokenAuthority authority) => new()
    {
        Issuer = authority.AdfsIssuer ?? authority.Issuer,
        AuthorizationEndpoint = $"{origin}/adfs/oauth2/authorize",
        TokenEndpoint = $"{origin}/adfs/oauth2/token",
        JwksUri = $"{origin}/adfs/discovery/keys",
        ResponseTypesSupported = ["token"],
        SubjectTypesSupported = ["public"],
        IdTokenSigningAlgValuesSupported = ["RS256"],
        TokenEndpointAuthMethodsSupported = ["client_secret_post", "client_secret_basic"],
        GrantTypesSupported = ["client_credentials"],
    };

    private static JsonWebKeySet KeySet(SigningKeyRing keys) => new()
    {
        Keys = keys.PublicKeys
            .Select(k => new JsonWebKey { KeyId = k.KeyId, Modulus = Base64Url.Encode(k.PublicKey.Modulus), Exponent = Base64Url.Encode(k.PublicKey.Exponent) })
            .ToList(),
    };

    /// <summary>
    /// MSAL.NET validates an ADFS authority by asking WebFinger whether the authority host is a trusted realm:
    /// <c>?rel=http://schemas.microsoft.com/rel/trusted-realm&amp;resource=https://{host}</c> (port dropped). Coffer's own
    /// host (on any port) is; anything else is not found.
    /// </summary>
    private static Task WebFingerAsync(HttpContext context, CofferApiOptions options)
    {
        var resource = context.Request.Query["resource"].ToString();
        if (!Uri.TryCreate(resource, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps ||
            !string.Equals(uri.Host, options.DnsSuffix, StringComparison.OrdinalIgnoreCase))
        {
            throw Core.Errors.CofferErrors.NotFound(context.Request.Path.Value ?? "/");
        }

        return WriteAsync(context, new WebFingerResponse
        {
            Subject = resource,
            Links = [new WebFingerLink { Rel = TrustedRealm, Href = resource }],
        }, CofferJsonContext.Wire.WebFingerResponse);
    }

    private static Task WriteAsync<T>(HttpContext context, T document, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        context.Response.WriteAsJsonAsync(document, type, contentType: null, context.RequestAborted);
}
