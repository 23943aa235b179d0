using System.Globalization;
using Coffer.Api.Audit;
using Coffer.Api.Contracts;
using Coffer.Api.Hosting;
using Coffer.Core.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Coffer.Api.Endpoints;

/// <summary>
/// What every managed-identity protocol shares: the resource check, the token response all clients accept
/// (real-clients.md §2.1: <c>expires_on</c> as a string of Unix seconds, the resource echoed, <c>client_id</c>) and the
/// OAuth-style refusal, which never carries a token.
/// </summary>
internal static class ManagedIdentityResponses
{
    /// <summary>Coffer's own resource, or null when the request names another (or none); clients send it bare, with a slash, or as a <c>/.default</c> scope.</summary>
    public static string? Audience(string resource, CofferApiOptions options)
    {
        var value = resource.EndsWith("/.default", StringComparison.OrdinalIgnoreCase) ? resource[..^"/.default".Length] : resource;
        return string.Equals(value.TrimEnd('/'), options.Resource, StringComparison.OrdinalIgnoreCase) ? options.Resource : null;
    }

    public static Task IssueAsync(
        HttpContext context, ILogger logger, TokenIssuer issuer, IdentityService identities, CofferApiOptions options,
        string protocol, string resource, ManagedIdentity identity, WorkloadCredential? credential)
    {
        // Host-served tokens (IMDS, Cloud Shell) are issued against the identity's host credential: deleting the
        // identity revokes it with the rest.
        var subject = identities.SubjectOf(identity, credential) with
        {
            CredentialId = (credential?.Id ?? IdentityService.HostCredentialId(identity)).ToString("D"),
        };
        var token = issuer.Issue(subject, options.Resource);
        AuditFeature.TokenIssued(context, subject, issuer.TenantId);
        Log.ManagedIdentityTokenIssued(logger, identity.Name, identity.PrincipalId, options.Resource);
        Log.ManagedIdentityProtocol(logger, protocol, identity.Name);
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(new ManagedIdentityToken
        {
            AccessToken = token.AccessToken,
            ExpiresOn = token.Expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ExpiresIn = (long)(token.Expires - token.IssuedAt).TotalSeconds,
            Resource = resource,
            ClientId = identity.ClientId.ToString("D"),
        }, CofferJsonContext.Wire.ManagedIdentityToken, contentType: null, context.RequestAborted);
    }

    public static Task RefuseAsync(HttpContext context, ILogger logger, int status, string error, string description)
    {
        Log.ManagedIdentityTokenRefused(logger, description);
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new OAuthError { Error = error, Description = description }, CofferJsonContext.Wire.OAuthError, contentType: null, context.RequestAborted);
    }
}
