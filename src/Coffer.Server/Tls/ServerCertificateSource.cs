using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Coffer.Core.Vaults;

namespace Coffer.Server.Tls;

/// <summary>
/// Picks the certificate for each TLS handshake by SNI: a user-supplied certificate when configured, otherwise
/// a leaf minted by the local CA for the bare host or a well-formed vault host (cached; other names get the
/// bare host's certificate, so a client cannot make Coffer mint for arbitrary names).
/// </summary>
internal sealed class ServerCertificateSource : IDisposable
{
    private const int MaxCachedHosts = 4096;
    private static readonly List<SslApplicationProtocol> Protocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];
    private readonly LocalCertificateAuthority? _authority;
    private readonly SslServerAuthenticationOptions? _fixed;
    private readonly string _dnsSuffix;
    private readonly ConcurrentDictionary<string, SslServerAuthenticationOptions> _byHost = new(StringComparer.OrdinalIgnoreCase);

    public ServerCertificateSource(LocalCertificateAuthority authority, string dnsSuffix)
    {
        _authority = authority;
        _dnsSuffix = dnsSuffix;
    }

    public ServerCertificateSource(X509Certificate2 certificate, string dnsSuffix)
    {
        _fixed = Options(certificate, null);
        _dnsSuffix = dnsSuffix;
    }

    public SslServerAuthenticationOptions OptionsFor(string? serverName)
    {
        if (_fixed is not null)
        {
            return _fixed;
        }

        var host = IsOurs(serverName) ? serverName! : _dnsSuffix;
        if (_byHost.TryGetValue(host, out var options))
        {
            return options;
        }

        if (_byHost.Count >= MaxCachedHosts)
        {
            _byHost.Clear();
        }

        // IsOurs or the suffix: only our names reach the CA, and _authority is set whenever _fixed is not.
        return _byHost.GetOrAdd(host, h => Options(_authority!.Mint(h), _authority.Certificate));
    }

    private bool IsOurs(string? serverName)
    {
        if (string.IsNullOrEmpty(serverName))
        {
            return false;
        }

        if (string.Equals(serverName, _dnsSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var label = serverName.Length > _dnsSuffix.Length + 1 && serverName.EndsWith("." + _dnsSuffix, StringComparison.OrdinalIgnoreCase)
            ? serverName.AsSpan(0, serverName.Length - _dnsSuffix.Length - 1)
            : [];
        return VaultName.IsValid(label);
    }

    private static SslServerAuthenticationOptions Options(X509Certificate2 certificate, X509Certificate2? issuer) => new()
    {
        ServerCertificateContext = SslStreamCertificateContext.Create(certificate, issuer is null ? null : new X509Certificate2Collection(issuer), offline: true),
        ApplicationProtocols = Protocols,
    };

    public void Dispose() => _authority?.Dispose();
}
