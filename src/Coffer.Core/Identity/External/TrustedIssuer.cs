namespace Coffer.Core.Identity.External;

/// <summary>An external OpenID issuer whose tokens Coffer accepts.</summary>
/// <param name="Issuer">The issuer URL exactly as its tokens' <c>iss</c> and its discovery document write it.</param>
/// <param name="Audience">The <c>aud</c> its tokens must carry; null means Coffer's own resource (<c>https://{suffix}:{port}</c>).</param>
public sealed record TrustedIssuer(string Issuer, string? Audience = null)
{
    /// <summary>
    /// Whether <paramref name="url"/> may be fetched for keys: HTTPS, or plain HTTP to a loopback host only (a test or
    /// a sidecar on the same machine), because keys fetched in clear over a network could be swapped for an attacker's.
    /// </summary>
    public static bool IsAllowedUrl(string url, out string reason)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            reason = $"'{url}' is not an absolute URL without query or fragment.";
            return false;
        }

        if (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        {
            reason = string.Empty;
            return true;
        }

        reason = $"'{url}' must use https (plain http is allowed only for a loopback host).";
        return false;
    }
}
