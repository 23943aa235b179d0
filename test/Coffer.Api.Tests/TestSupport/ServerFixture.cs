using System.Text;
using Coffer.Server.Hosting;
using Coffer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Api.Tests.TestSupport;

/// <summary>
/// One real Coffer per test class (xunit class fixture), an HTTPS client that reaches <c>*.localhost</c> and trusts
/// only Coffer's CA, and a token of managed identity 'dev' (all rights on vault 'dev').
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    /// <summary>The api-version the tests send unless a test is about api-version.</summary>
    public const string ApiVersion = "7.6";

    public CofferServer Server { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>A token of identity 'dev' issued when the server started.</summary>
    public string Token { get; private set; } = null!;

    public Uri VaultUri => Server.DevVaultUri;

    /// <summary>The vault's origin as ids carry it: <c>https://dev.localhost:{port}</c>.</summary>
    public string VaultOrigin => $"https://dev.localhost:{Server.Port}";

    public IServiceProvider Services => Server.Services;

    public virtual async ValueTask InitializeAsync()
    {
        Server = await CofferServer.StartAsync(ConfigureServices, configureOptions: ConfigureOptions);
        Client = Server.CreateHttpClient();
        Token = await Server.GetTokenAsync();
    }

    public virtual async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A request to vault 'dev' (or <paramref name="baseUri"/>) with the fixture's token.</summary>
    public HttpRequestMessage Request(HttpMethod method, string pathAndQuery, string? json = null, Uri? baseUri = null) =>
        RequestAs(Token, method, pathAndQuery, json, baseUri);

    /// <summary>A request with the given bearer token, or with no Authorization header when <paramref name="token"/> is null.</summary>
    public HttpRequestMessage RequestAs(string? token, HttpMethod method, string pathAndQuery, string? json = null, Uri? baseUri = null)
    {
        var request = new HttpRequestMessage(method, new Uri(baseUri ?? VaultUri, pathAndQuery));
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) =>
        Client.SendAsync(request, TestContext.Current.CancellationToken);

    /// <summary>Sends to vault 'dev' with the fixture's token.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, string? json = null) =>
        SendAsync(Request(method, pathAndQuery, json));

    public T GetService<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Changes what <c>coffer serve</c> flags would (ports aside) before the host starts.</summary>
    protected virtual void ConfigureOptions(ServeOptions options)
    {
    }

    /// <summary>Replaces services of the real host (a fake clock, say) before it starts.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }
}
