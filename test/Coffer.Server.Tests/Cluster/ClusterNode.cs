using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Coffer.Testing;

namespace Coffer.Server.Tests.Cluster;

/// <summary>
/// One <c>coffer serve</c> of a cluster. Clients address every node as a load balancer's clients would
/// (<c>https://{vault}.localhost</c>, port 443); this node's handler sends their connections to its own port and trusts
/// its own local CA.
/// </summary>
internal sealed class ClusterNode : IAsyncDisposable
{
    private readonly Lazy<X509Certificate2> _ca;
    private readonly List<HttpMessageHandler> _handlers = [];

    public ClusterNode(CofferProcess process, string dataDirectory, int port, int identityPort)
    {
        Process = process;
        DataDirectory = dataDirectory;
        Port = port;
        IdentityPort = identityPort;
        _ca = new(() => X509CertificateLoader.LoadCertificateFromFile(Path.Combine(dataDirectory, "ca.crt")));
    }

    public CofferProcess Process { get; }

    public string DataDirectory { get; }

    public int Port { get; }

    public int IdentityPort { get; }

    /// <summary>The clients' resource, the same for every node (<c>--public-port 443</c>).</summary>
    public static string Resource => "https://localhost";

    public static Uri VaultUri(string vault) => new($"https://{vault}.localhost");

    public HttpMessageHandler Handler()
    {
        var handler = CofferServer.CreateLoopbackHandler(_ca.Value, port: Port);
        lock (_handlers)
        {
            _handlers.Add(handler);
        }

        return handler;
    }

    /// <summary>The unmodified SDK credential, signing in at this node's token endpoint.</summary>
    public ClientSecretCredential Credential(string tenantId, string clientId, string secret) =>
        new(tenantId, clientId, secret, new ClientSecretCredentialOptions
        {
            AuthorityHost = new Uri(Resource),
            DisableInstanceDiscovery = true,
            Transport = new HttpClientTransport(Handler()),
            Retry = { MaxRetries = 0 },
        });

    /// <summary>The unmodified SDK client for a vault, through this node.</summary>
    public SecretClient Secrets(string vault, TokenCredential credential)
    {
        var options = new SecretClientOptions { Transport = new HttpClientTransport(Handler()) };
        options.Retry.MaxRetries = 0;
        return new SecretClient(VaultUri(vault), credential, options);
    }

    /// <summary>An HTTP client on this node's bare host (management API, token service) carrying <paramref name="token"/>.</summary>
    public HttpClient BareHost(string? token = null)
    {
        var http = new HttpClient(Handler(), disposeHandler: false) { BaseAddress = new Uri(Resource), Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return http;
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        lock (_handlers)
        {
            foreach (var handler in _handlers)
            {
                handler.Dispose();
            }
        }

        if (_ca.IsValueCreated)
        {
            _ca.Value.Dispose();
        }
    }
}
