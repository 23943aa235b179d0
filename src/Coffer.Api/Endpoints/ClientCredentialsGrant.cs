using System.Text;
using Coffer.Api.Audit;
using Coffer.Api.Contracts;
using Coffer.Api.Hosting;
using Coffer.Core.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Coffer.Api.Endpoints;

/// <summary>
/// The OAuth2 client-credentials grant for service principals: checks the request (grant, client, scope or v1
/// resource), authenticates the client secret and issues a token for Coffer's resource. Refusals are Entra's errors.
/// The SDKs' extra fields (<c>claims</c>, <c>client_info</c>, telemetry) are ignored.
/// </summary>
internal sealed class ClientCredentialsGrant
{
    private const string DefaultSuffix = "/.default";

    /// <summary>OpenID scopes MSAL may add to any request; they ask for nothing in the client-credentials grant.</summary>
    private static readonly string[] ReservedScopes = ["openid", "profile", "offline_access"];

    private readonly ServicePrincipalService _principals;
    private readonly TokenIssuer _issuer;
    private readonly TokenAuthority _authority;
    private readonly Challenge _challenge;
    private readonly TimeProvider _time;
    private readonly ILogger<ClientCredentialsGrant> _logger;

    public ClientCredentialsGrant(ServicePrincipalService principals, TokenIssuer issuer, TokenAuthority authority, Challenge challenge, TimeProvider time, ILogger<ClientCredentialsGrant> logger)
    {
        _principals = principals;
        _issuer = issuer;
        _authority = authority;
        _challenge = challenge;
        _time = time;
        _logger = logger;
    }

    /// <summary>Answers a token request; <paramref name="refused"/> is a failure the route already found (an unknown tenant).</summary>
    public async Task HandleAsync(HttpContext context, string issuer, bool acceptsResource, TokenError? refused)
    {
        var (failure, principal, credential, audience) = refused is null ? await AuthenticateAsync(context, acceptsResource) : (refused, null, null, null);
        if (failure is not null || principal is null || credential is null || audience is null)
        {
            failure ??= TokenError.MissingParameter("client_id");
            Log.ClientTokenRefused(_logger, failure.Code, failure.Error);
            await EntraErrorWriter.WriteAsync(context, _time, failure);
            return;
        }

        var subject = new TokenSubject(principal.ObjectId, principal.AppId, credential.CredentialId, Authentication: ClientAuthentication.Secret);
        var token = _issuer.Issue(subject, audience, issuer);
        AuditFeature.TokenIssued(context, subject, _issuer.TenantId);
        Log.ClientTokenIssued(_logger, principal.DisplayName, principal.AppId, credential.KeyId, audience);
        var lifetime = (long)(token.Expires - token.IssuedAt).TotalSeconds;
        context.Response.Headers.CacheControl = "no-store, no-cache";
        context.Response.Headers.Pragma = "no-cache";
        await context.Response.WriteAsJsonAsync(
            new TokenResponse { ExpiresIn = lifetime, ExtExpiresIn = lifetime, AccessToken = token.AccessToken },
            CofferJsonContext.Wire.TokenResponse, contentType: null, context.RequestAborted);
    }

    private async Task<(TokenError? Failure, ServicePrincipal? Principal, PasswordCredential? Credential, string? Audience)> AuthenticateAsync(
        HttpContext context, bool acceptsResource)
    {
        var tenant = _authority.TenantId.ToString("D");
        if (!context.Request.HasFormContentType)
        {
            return (TokenError.MissingParameter("grant_type"), null, null, null);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var grant = form["grant_type"].ToString();
        if (grant.Length == 0)
        {
            return (TokenError.MissingParameter("grant_type"), null, null, null);
        }

        if (grant != "client_credentials")
        {
            return (TokenError.UnsupportedGrant(grant), null, null, null);
        }

        if (!TryReadClient(context.Request.Headers.Authorization, form, out var clientId, out var secret, out var conflict))
        {
            return (conflict, null, null, null);
        }

        if (clientId.Length == 0)
        {
            return (TokenError.MissingParameter("client_id"), null, null, null);
        }

        var audience = _challenge.ResourceFor(context.Request.Host.Port ?? 443);
        if (CheckResource(form, acceptsResource, audience, tenant) is { } resourceFailure)
        {
            return (resourceFailure, null, null, null);
        }

        if (secret.Length == 0)
        {
            return (TokenError.MissingSecret(), null, null, null);
        }

        if (!Guid.TryParse(clientId, out var appId))
        {
            return (TokenError.UnknownClient(clientId, tenant), null, null, null);
        }

        var (result, principal, credential) = await _principals.AuthenticateAsync(appId, secret, context.RequestAborted);
        return result switch
        {
            ClientSecretCheck.Valid => (null, principal, credential, audience),
            ClientSecretCheck.UnknownClient => (TokenError.UnknownClient(clientId, tenant), null, null, null),
            ClientSecretCheck.ExpiredSecret => (TokenError.ExpiredSecret(appId), null, null, null),
            _ => (TokenError.InvalidSecret(appId), null, null, null),
        };
    }

    /// <summary>
    /// The scope must be Coffer's resource for this port plus <c>/.default</c> (az writes <c>…//.default</c>); the
    /// ADFS path also takes v1's <c>resource=</c>.
    /// </summary>
    private static TokenError? CheckResource(IFormCollection form, bool acceptsResource, string expected, string tenant)
    {
        var scope = form["scope"].ToString();
        string resource;
        if (scope.Length > 0)
        {
            var scopes = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(s => !ReservedScopes.Contains(s, StringComparer.Ordinal)).ToList();
            if (scopes.Count != 1 || !scopes[0].EndsWith(DefaultSuffix, StringComparison.Ordinal))
            {
                return TokenError.InvalidScope(scope);
            }

            resource = scopes[0][..^DefaultSuffix.Length];
        }
        else if (acceptsResource && form["resource"].ToString() is { Length: > 0 } v1)
        {
            resource = v1;
        }
        else
        {
            return TokenError.MissingParameter("scope");
        }

        return string.Equals(resource.TrimEnd('/'), expected, StringComparison.OrdinalIgnoreCase) ? null : TokenError.UnknownResource(resource, tenant);
    }

    /// <summary>
    /// The client id and secret, from the body or from HTTP Basic (RFC 6749 §2.3.1: each form-urlencoded, then
    /// base64). Both at once must agree.
    /// </summary>
    private static bool TryReadClient(StringValues authorization, IFormCollection form, out string clientId, out string secret, out TokenError? failure)
    {
        clientId = form["client_id"].ToString();
        secret = form["client_secret"].ToString();
        failure = null;
        var header = authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            failure = new TokenError(401, "invalid_client", 7000216, "The Authorization header's Basic credentials are not valid base64.");
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        var basicId = Uri.UnescapeDataString((colon < 0 ? decoded : decoded[..colon]).Replace('+', ' '));
        var basicSecret = colon < 0 ? string.Empty : Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
        if ((clientId.Length > 0 && clientId != basicId) || (secret.Length > 0 && secret != basicSecret))
        {
            failure = TokenError.ConflictingClientAuthentication();
            return false;
        }

        clientId = basicId;
        secret = basicSecret;
        return true;
    }
}
