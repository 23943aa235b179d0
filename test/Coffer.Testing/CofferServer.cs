using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Coffer.Core;
using Coffer.Core.Authorization;
using Coffer.Core.Vaults;
using Coffer.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coffer.Testing;

/// <summary>
/// A real Coffer (the same host as <c>coffer serve --dev</c>) on loopback with a fresh data directory and free ports.
/// Clients reach <c>{vault}.localhost</c> through a connect callback (no /etc/hosts) and trust only Coffer's own CA.
/// </summary>
public sealed class CofferServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly BootstrapCredential? _admin;

    private CofferServer(WebApplication app, string dataDirectory, int port, int identityPort, string identityHeader, BootstrapCredential? admin)
    {
        _app = app;
        _admin = admin;
        DataDirectory = dataDirectory;
        Port = port;
        IdentityPort = identityPort;
        IdentityHeader = identityHeader;
        CaCertificate = X509CertificateLoader.LoadCertificateFromFile(CaCertificatePath);
    }

    public string DataDirectory { get; }

    /// <summary>Leaves the data directory behind on dispose (a test that moves a stopped deployment elsewhere).</summary>
    public bool KeepDataDirectory { get; set; }

    public int Port { get; }

    public int IdentityPort { get; }

    /// <summary>The credential of managed identity 'dev' (the IDENTITY_HEADER value).</summary>
    public string IdentityHeader { get; }

    public X509Certificate2 CaCertificate { get; }

    /// <summary>The CA certificate's PEM file, for clients that take a path (<c>NODE_EXTRA_CA_CERTS</c>).</summary>
    public string CaCertificatePath => Path.Combine(DataDirectory, "ca.crt");

    /// <summary>The tenant every token names (and the v2 authority's path).</summary>
    public Guid TenantId => Services.GetRequiredService<Coffer.Core.Deployment>().TenantId;

    /// <summary>The client id of service principal 'coffer-admin', shown at this server's first start.</summary>
    public string AdminClientId => Admin.ClientId.ToString("D");

    /// <summary>The secret of 'coffer-admin' (shown once, at the first start of the data directory).</summary>
    public string AdminClientSecret => Admin.ClientSecret;

    private BootstrapCredential Admin => _admin ?? throw new InvalidOperationException(
        "The bootstrap administrator is shown only at the first start of a data directory; this server reused one.");

    public Uri DevVaultUri => VaultUri("dev");

    public string Resource => $"https://localhost:{Port}";

    public Uri IdentityEndpoint => new($"http://127.0.0.1:{IdentityPort}/msi/token");

    public IServiceProvider Services => _app.Services;

    public Uri VaultUri(string vault) => new($"https://{vault}.localhost:{Port}");

    /// <summary>The role-assignment scope of a vault in the default resource group, as Azure writes it.</summary>
    public string VaultScope(string vault) =>
        ResourceScope.VaultPath(Services.GetRequiredService<Deployment>().SubscriptionId, Vault.DefaultResourceGroup, vault);

    /// <summary>
    /// Starts a server; <paramref name="configureServices"/> can replace services (a fake clock, say) and
    /// <paramref name="configureOptions"/> can change what <c>coffer serve</c> flags would (ports are chosen here).
    /// </summary>
    public static async Task<CofferServer> StartAsync(
        Action<IServiceCollection>? configureServices = null,
        string? dataDirectory = null,
        Action<ServeOptions>? configureOptions = null)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "coffer-test-" + Guid.NewGuid().ToString("N"));
        // Outside the loop: a start retried on other ports does not show the administrator again.
        BootstrapCredential? admin = null;
        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePorts.Take(2);
            var options = new ServeOptions { DataDirectory = dataDirectory, Port = ports[0], IdentityPort = ports[1], Dev = true };
            options.ShowBootstrapCredential = shown => admin = shown;
            options.Listen.Add(IPAddress.Loopback);
            configureOptions?.Invoke(options);
            var app = await CofferHost.BuildAsync(options, logging => logging.SetMinimumLevel(LogLevel.Warning), configureServices);
            try
            {
                await app.StartAsync();
            }
            catch (IOException e) when (e.InnerException is AddressInUseException && attempt < 5)
            {
                // Another process took a port between the probe and the bind: try again on others.
                await app.DisposeAsync();
                continue;
            }

            var header = File.ReadAllLines(Path.Combine(dataDirectory, "dev.env"))
                .Single(line => line.StartsWith("export IDENTITY_HEADER=", StringComparison.Ordinal))["export IDENTITY_HEADER=".Length..];
            return new CofferServer(app, options.DataDirectory, options.Port, options.IdentityPort, header, admin);
        }
    }

    /// <summary>An HTTP handler that connects every host name to 127.0.0.1 and trusts Coffer's CA (and nothing else).</summary>
    public SocketsHttpHandler CreateHandler() => CreateLoopbackHandler(CaCertificate);

    /// <summary>
    /// The same, with the client's end bound to <paramref name="source"/> (any 127/8 address on Linux), so the server
    /// sees the connection come from that address: how the firewall tests call from 127.0.0.2.
    /// </summary>
    public SocketsHttpHandler CreateHandler(IPAddress source) => CreateLoopbackHandler(CaCertificate, source);

    /// <summary>
    /// An HTTP handler for a Coffer on this machine: every host name connects to 127.0.0.1 (no /etc/hosts), and the
    /// only trusted root is <paramref name="ca"/>. Also used for <c>coffer serve</c> child processes. With
    /// <paramref name="port"/>, every connection goes to that port whatever the URL says, as a load balancer in front
    /// of one node would send it.
    /// </summary>
    public static SocketsHttpHandler CreateLoopbackHandler(X509Certificate2 ca, IPAddress? source = null, int? port = null) => new()
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                if (source is not null)
                {
                    socket.Bind(new IPEndPoint(source, 0));
                }

                await socket.ConnectAsync(IPAddress.Loopback, port ?? context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) => TrustsOnlyCoffer(ca, certificate, errors),
        },
    };

    public HttpClient CreateHttpClient() => new(CreateHandler());

    /// <summary>A token for managed identity 'dev' (or another identity credential) from the managed-identity endpoint.</summary>
    public async Task<string> GetTokenAsync(string? identityHeader = null)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{IdentityEndpoint}?api-version=2019-08-01&resource={Uri.EscapeDataString(Resource)}");
        request.Headers.Add("X-IDENTITY-HEADER", identityHeader ?? IdentityHeader);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!; // the endpoint always sends it on 200
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        CaCertificate.Dispose();
        if (KeepDataDirectory)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS: the temp directory is cleaned up later.
        }
    }

    private static bool TrustsOnlyCoffer(X509Certificate2 ca, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
