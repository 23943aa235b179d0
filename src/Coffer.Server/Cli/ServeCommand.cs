using System.Globalization;
using System.Net;
using Coffer.Core.Identity;
using Coffer.Core.Identity.External;
using Coffer.Server.Hosting;

namespace Coffer.Server.Cli;

/// <summary><c>coffer serve</c>: runs the server until interrupted.</summary>
internal static class ServeCommand
{
    public const string Usage = """
        coffer serve [--data DIR] [--port 8443] [--dns-suffix localhost] [--identity-port 8081]
                     [--listen ADDRESS]... [--dev] [--tls-cert FILE.pem --tls-key FILE.pem] [--root-key-file FILE]
                     [--trust-issuer URL [--trust-audience AUDIENCE]]...
                     [--token-lifetime 1h] [--imds-identity NAME]... [--trusted-proxy ADDRESS[/PREFIX]]...
                     [--audit-file FILE.jsonl] [--audit-retention DAYS]

          --data DIR          data directory (default: $XDG_DATA_HOME/coffer or ~/.local/share/coffer)
          --port N            HTTPS port for vaults, identity and management (default 8443)
          --dns-suffix NAME   vault 'billing' is served at https://billing.NAME:PORT (default localhost)
          --identity-port N   plain-HTTP managed-identity endpoint on 127.0.0.1 (default 8081)
          --listen ADDRESS    address for the HTTPS port; repeat for several (default 127.0.0.1 and ::1)
          --dev               create vault 'dev' and managed identity 'dev' (allowed everything) and print
                              the environment lines that point the Azure SDKs at them
          --tls-cert, --tls-key   serve this PEM certificate instead of minting from the local CA
          --root-key-file F   keep the root key in F (default DIR/root.key); COFFER_ROOT_KEY overrides both
          --trust-issuer URL  also accept tokens from this OpenID issuer (Entra ID, Keycloak, ...); repeatable.
                              URL is the tokens' iss exactly, https (http only for a loopback host)
          --trust-audience A  the aud that tokens of the --trust-issuer just before must carry
                              (default: Coffer's own resource, https://DNS-SUFFIX:PORT)
          --token-lifetime T  lifetime of issued tokens, such as 30m or 2h (5m to 24h; default 1h)
          --imds-identity N   assign managed identity N to this host: the IMDS and Cloud Shell protocols serve it
                              (they carry no credential, so they serve nothing unless told); repeat for several
          --trusted-proxy A   believe X-Forwarded-For from this proxy (an IPv4/IPv6 address or CIDR range) when
                              vault firewalls judge a caller; repeat for several (default: none, the header is ignored)
          --audit-file F      also append every audit record to F as JSON lines in Azure's AuditEvent shape
          --audit-retention D keep audit records D days (1 to 3650; default 90), in DIR/audit.db
        """;

    public static ServeOptions Parse(Arguments args)
    {
        var options = new ServeOptions();
        while (args.TryNext(out var option))
        {
            switch (option)
            {
                case "--data": options.DataDirectory = args.Value(option); break;
                case "--port": options.Port = args.Port(option); break;
                case "--dns-suffix": options.DnsSuffix = args.Value(option).Trim('.').ToLowerInvariant(); break;
                case "--identity-port": options.IdentityPort = args.Port(option); break;
                case "--listen":
                    var text = args.Value(option);
                    options.Listen.Add(IPAddress.TryParse(text.Trim('[', ']'), out var address) ? address : throw new UsageException($"--listen needs an IP address, not '{text}'."));
                    break;
                case "--dev": options.Dev = true; break;
                case "--tls-cert": options.TlsCertificateFile = args.Value(option); break;
                case "--tls-key": options.TlsKeyFile = args.Value(option); break;
                case "--root-key-file": options.RootKeyFile = args.Value(option); break;
                case "--trust-issuer": options.ExternalIssuers.Issuers.Add(TrustIssuer(args.Value(option), options)); break;
                case "--trust-audience": SetAudience(options, args.Value(option)); break;
                case "--token-lifetime": options.TokenLifetime = TokenLifetime(args.Value(option)); break;
                case "--imds-identity":
                    var name = args.Value(option);
                    options.ImdsIdentities.Add(ManagedIdentityName.IsValid(name) ? name : throw new UsageException($"--imds-identity needs a managed identity name, not '{name}'."));
                    break;
                case "--trusted-proxy": options.TrustedProxies.Add(TrustedProxy(args.Value(option))); break;
                case "--audit-file": options.AuditFile = Path.GetFullPath(args.Value(option)); break;
                case "--audit-retention": options.AuditRetention = AuditRetention(args.Value(option)); break;
                default: throw new UsageException($"Unknown option '{option}' for 'coffer serve'.");
            }
        }

        if ((options.TlsCertificateFile is null) != (options.TlsKeyFile is null))
        {
            throw new UsageException("--tls-cert and --tls-key go together.");
        }

        return options;
    }

    private static TimeSpan AuditRetention(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 3650
            ? TimeSpan.FromDays(days)
            : throw new UsageException($"--audit-retention needs a number of days from 1 to 3650, not '{text}'.");

    /// <summary>An address is a range of one (<c>/32</c> or <c>/128</c>); a range keeps its network part (<c>10.1.2.3/8</c> is <c>10.0.0.0/8</c>).</summary>
    internal static IPNetwork TrustedProxy(string text)
    {
        var trimmed = text.Trim();
        if (IPAddress.TryParse(trimmed.Trim('[', ']'), out var address) && !trimmed.Contains('/', StringComparison.Ordinal))
        {
            var single = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            return new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        }

        return IPNetwork.TryParse(trimmed, out var network)
            ? network
            : throw new UsageException($"--trusted-proxy needs an IP address or CIDR range (such as 10.0.0.0/8), not '{text}'.");
    }

    private static TrustedIssuer TrustIssuer(string url, ServeOptions options)
    {
        if (!TrustedIssuer.IsAllowedUrl(url, out var reason))
        {
            throw new UsageException("--trust-issuer " + reason);
        }

        return options.ExternalIssuers.Issuers.Any(trusted => trusted.Issuer == url)
            ? throw new UsageException($"--trust-issuer {url} is given twice.")
            : new TrustedIssuer(url);
    }

    /// <summary>An audience belongs to the issuer named just before it.</summary>
    private static void SetAudience(ServeOptions options, string audience)
    {
        var issuers = options.ExternalIssuers.Issuers;
        if (issuers.Count == 0 || issuers[^1].Audience is not null)
        {
            throw new UsageException("--trust-audience must follow the --trust-issuer it is for (one audience per issuer).");
        }

        if (audience.Length == 0)
        {
            throw new UsageException("--trust-audience needs a value.");
        }

        issuers[^1] = issuers[^1] with { Audience = audience };
    }

    /// <summary>A number and a unit (<c>s</c>, <c>m</c> or <c>h</c>): <c>30m</c>, <c>2h</c>; from 5 minutes to 24 hours.</summary>
    internal static TimeSpan TokenLifetime(string text)
    {
        var unit = text.Length > 1 ? text[^1] : ' ';
        if (!int.TryParse(text.AsSpan(0, Math.Max(0, text.Length - 1)), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) ||
            unit is not ('s' or 'm' or 'h'))
        {
            throw new UsageException($"--token-lifetime needs a duration such as 30m or 2h, not '{text}'.");
        }

        var lifetime = unit switch { 's' => TimeSpan.FromSeconds(amount), 'm' => TimeSpan.FromMinutes(amount), _ => TimeSpan.FromHours(amount) };
        return lifetime >= ServeOptions.MinTokenLifetime && lifetime <= ServeOptions.MaxTokenLifetime
            ? lifetime
            : throw new UsageException($"--token-lifetime must be between 5m and 24h, not '{text}'.");
    }

    public static async Task<int> RunAsync(ServeOptions options)
    {
        await using var app = await CofferHost.BuildAsync(options);
        if (options.Dev)
        {
            Console.Out.Write(await File.ReadAllTextAsync(Path.Combine(options.DataDirectory, DevEnvironment.FileName)));
            await Console.Out.FlushAsync();
        }

        await app.RunAsync();
        return 0;
    }
}
