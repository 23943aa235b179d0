namespace Coffer.Api.Hosting;

/// <summary>Where Coffer is reached; set by the composition root.</summary>
public sealed class CofferApiOptions
{
    /// <summary>The DNS suffix under which vaults live: vault <c>billing</c> is <c>billing.{DnsSuffix}</c>.</summary>
    public string DnsSuffix { get; set; } = "localhost";

    /// <summary>The public HTTPS port (left out of URLs when 443).</summary>
    public int Port { get; set; } = 8443;

    /// <summary>The path of the App Service-style managed-identity endpoint on the identity port.</summary>
    public string IdentityPath { get; set; } = "/msi/token";

    /// <summary>The bare host's origin, <c>https://{suffix}[:{port}]</c>: the challenge resource and token audience.</summary>
    public string Resource => Origin(DnsSuffix, Port);

    /// <summary>The one rule for the bare host's origin: the port is left out when it is 443, as clients write it.</summary>
    internal static string Origin(string dnsSuffix, int port) => port == 443 ? $"https://{dnsSuffix}" : $"https://{dnsSuffix}:{port}";
}
