using System.Net;
using Coffer.Core.Identity.External;

namespace Coffer.Server.Hosting;

/// <summary>The settings of <c>coffer serve</c>, from its command line (only the Server project reads CLI and environment).</summary>
public sealed class ServeOptions
{
    public const int DefaultPort = 8443;
    public const int DefaultIdentityPort = 8081;

    /// <summary>The data directory; defaults to <c>$XDG_DATA_HOME/coffer</c> or <c>~/.local/share/coffer</c>.</summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory();

    public int Port { get; set; } = DefaultPort;

    public string DnsSuffix { get; set; } = "localhost";

    public int IdentityPort { get; set; } = DefaultIdentityPort;

    /// <summary>Addresses the HTTPS port listens on; loopback (127.0.0.1 and ::1) unless given.</summary>
    public List<IPAddress> Listen { get; } = [];

    public bool Dev { get; set; }

    /// <summary>A PEM certificate (and its key) that replaces the local CA's certificates.</summary>
    public string? TlsCertificateFile { get; set; }

    public string? TlsKeyFile { get; set; }

    /// <summary>Where the root key is kept when <c>COFFER_ROOT_KEY</c> is not set; defaults to <c>{data}/root.key</c>.</summary>
    public string? RootKeyFile { get; set; }

    /// <summary>How long issued tokens live (<c>--token-lifetime</c>): 5 minutes to 24 hours, default 1 hour.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>External OpenID issuers whose tokens are trusted (<c>--trust-issuer</c>, <c>--trust-audience</c>), and how their keys are refreshed.</summary>
    public ExternalIssuerOptions ExternalIssuers { get; } = new();

    public static readonly TimeSpan MinTokenLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// Managed identities assigned to this host (<c>--imds-identity NAME</c>, repeatable): the IMDS and Cloud Shell
    /// protocols, which carry no credential, serve these and no others. None by default.
    /// </summary>
    public List<string> ImdsIdentities { get; } = [];

    /// <summary>
    /// Proxies whose <c>X-Forwarded-For</c> is believed when a vault firewall judges a caller (<c>--trusted-proxy</c>,
    /// repeatable). None by default: the connection's address is the caller's.
    /// </summary>
    public List<IPNetwork> TrustedProxies { get; } = [];

    /// <summary>How long a token signing key signs before the next one takes over (default 30 days).</summary>
    public TimeSpan SigningKeyRotationPeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long before it starts signing the next key is published in JWKS (default 1 day).</summary>
    public TimeSpan SigningKeyPrePublication { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Also append every durable audit record to this JSON-lines file (<c>--audit-file</c>); none by default.</summary>
    public string? AuditFile { get; set; }

    /// <summary>How long audit records are kept (<c>--audit-retention DAYS</c>, default 90 days); older ones are deleted.</summary>
    public TimeSpan AuditRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How long an audit batch waits for another process's lock on <c>audit.db</c> before its requests are refused.</summary>
    public TimeSpan AuditBusyTimeout { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>
    /// Shows the bootstrap administrator's credential, once, at the first start of a data directory. Defaults to
    /// standard output (never the logger); the test harness captures it instead.
    /// </summary>
    public Action<BootstrapCredential> ShowBootstrapCredential { get; set; } = BootstrapCredential.WriteToConsole;

    public static string DefaultDataDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".local", "share") : xdg, "coffer");
    }
}
