namespace Coffer.Api.Hosting;

/// <summary>Where Coffer is reached; set by the composition root.</summary>
public sealed class CofferApiOptions
{
    /// <summary>The DNS suffix under which vaults live: vault <c>billing</c> is <c>billing.{DnsSuffix}</c>.</summary>
    public string DnsSuffix { get; set; } = "localhost";

    /// <summary>The public HTTPS port (left out of URLs when 443).</summary>
    public int Port { get; set; } = 8443;

    /// <summary>The plain-HTTP managed-identity port on 127.0.0.1 (named in the credentials the management API mints).</summary>
    public int IdentityPort { get; set; } = 8081;

    /// <summary>The path of the App Service-style (and Azure ML-style) managed-identity endpoint on the identity port.</summary>
    public string IdentityPath { get; set; } = "/msi/token";

    /// <summary>The path of the Cloud Shell-style endpoint (<c>MSI_ENDPOINT</c> without <c>MSI_SECRET</c>) on the identity port.</summary>
    public string CloudShellPath { get; set; } = "/msi/cloudshell";

    /// <summary>The path IMDS serves tokens at; clients build it from the host they are given.</summary>
    public const string ImdsPath = "/metadata/identity/oauth2/token";

    /// <summary>
    /// The identities assigned to this host (<c>serve --imds-identity</c>): IMDS and Cloud Shell carry no credential,
    /// so they serve these and no others. Empty (the default) means no identity is assigned.
    /// </summary>
    public IReadOnlyList<string> HostIdentities { get; set; } = [];

    /// <summary>
    /// Proxies whose <c>X-Forwarded-For</c> names the caller for vault firewalls (<c>serve --trusted-proxy</c>): addresses or
    /// CIDR ranges, IPv4 or IPv6. Empty (the default) means the header is never believed.
    /// </summary>
    public IReadOnlyList<System.Net.IPNetwork> TrustedProxies { get; set; } = [];

    /// <summary>The bare host's origin, <c>https://{suffix}[:{port}]</c>: the challenge resource and token audience.</summary>
    public string Resource => Origin(DnsSuffix, Port);

    /// <summary>The one rule for the bare host's origin: the port is left out when it is 443, as clients write it.</summary>
    internal static string Origin(string dnsSuffix, int port) => port == 443 ? $"https://{dnsSuffix}" : $"https://{dnsSuffix}:{port}";
}
