using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Coffer.Testing;

namespace Coffer.Server.Tests;

/// <summary>
/// Talks to a <c>coffer serve --dev</c> child process as an application would: a token from the managed-identity
/// endpoint, then HTTPS to <c>dev.localhost</c>, resolved to 127.0.0.1 by a connect callback and trusted through
/// <c>{data}/ca.crt</c> as the only root.
/// </summary>
internal sealed class DevClient : IDisposable
{
    private readonly HttpClient _https;
    private readonly HttpClient _identity = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly X509Certificate2 _ca;
    private readonly int _port;
    private readonly int _identityPort;
    private readonly string _identityHeader;

    public DevClient(string dataDirectory, int port, int identityPort, string identityHeader)
    {
        _ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(dataDirectory, "ca.crt"));
        _port = port;
        _identityPort = identityPort;
        _identityHeader = identityHeader;
        var handler = CofferServer.CreateLoopbackHandler(_ca);
        _https = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri DevVault => new($"https://dev.localhost:{_port}");

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var resource = Uri.EscapeDataString($"https://localhost:{_port}");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{_identityPort}/msi/token?api-version=2019-08-01&resource={resource}");
        request.Headers.Add("X-IDENTITY-HEADER", _identityHeader);
        using var response = await _identity.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Token request failed with {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!; // a 200 always carries access_token
    }

    public async Task<HttpResponseMessage> SetSecretAsync(string token, string name, string value, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(DevVault, $"/secrets/{name}?api-version=7.6"))
        {
            Content = JsonContent.Create(new Dictionary<string, string> { ["value"] = value }),
        };
        request.Headers.Authorization = new("Bearer", token);
        return await _https.SendAsync(request, cancellationToken);
    }

    public async Task<HttpResponseMessage> GetSecretAsync(string token, string name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(DevVault, $"/secrets/{name}?api-version=7.6"));
        request.Headers.Authorization = new("Bearer", token);
        return await _https.SendAsync(request, cancellationToken);
    }

    /// <summary>POSTs a form to the bare host, <c>https://localhost:{port}{path}</c> (the token service).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(form);
        return await _https.PostAsync(new Uri($"https://localhost:{_port}{path}"), content, cancellationToken);
    }

    public void Dispose()
    {
        _https.Dispose();
        _identity.Dispose();
        _ca.Dispose();
    }
}
