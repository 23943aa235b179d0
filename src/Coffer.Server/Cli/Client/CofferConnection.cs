using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

namespace Coffer.Server.Cli.Client;

/// <summary>
/// Authenticated JSON calls to the server's bare host (management API, Graph-shaped API). A refused call becomes a
/// <see cref="CommandFailedException"/> carrying the server's <c>error.message</c>.
/// </summary>
internal sealed class CofferConnection : IDisposable
{
    public const string ArmApiVersion = "2023-01-31";
    private readonly HttpMessageHandler _handler;
    private readonly HttpClient _http;
    private readonly TokenCredential _credential;
    private AccessToken? _token;
    private JsonObject? _subscription;

    public CofferConnection(ClientSettings settings, TokenCredential credential, HttpMessageHandler handler)
    {
        Settings = settings;
        _handler = handler;
        _http = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(settings.Server), Timeout = TimeSpan.FromSeconds(100) };
        _credential = credential;
    }

    public ClientSettings Settings { get; }

    public static CofferConnection Open(ClientSettings settings, ClientEnvironment environment)
    {
        var handler = TlsTrust.CreateHandler(settings.CaFile);
        return new CofferConnection(settings, SignIn.Credential(settings, environment, handler), handler);
    }

    /// <summary>A vault's data-plane address: <c>https://{vault}.{server host}[:port]</c>, as the server builds its ids.</summary>
    public Uri VaultUri(string vaultName)
    {
        var server = new Uri(Settings.Server);
        return new UriBuilder(server) { Host = vaultName.ToLowerInvariant() + "." + server.Host, Path = "/" }.Uri;
    }

    /// <summary>The official secrets client for a vault, over this connection's TLS trust and with its credential.</summary>
    public SecretClient Secrets(Uri vaultUri)
    {
        var options = new SecretClientOptions { Transport = new HttpClientTransport(_http) };
        options.Retry.MaxRetries = 2;
        return new SecretClient(vaultUri, _credential, options);
    }

    /// <summary>Sends a request; a success returns its JSON body (null when empty), anything else throws.</summary>
    public async Task<JsonNode?> SendAsync(HttpMethod method, string pathAndQuery, JsonNode? body, CancellationToken cancellationToken)
    {
        var (status, json, message) = await TrySendAsync(method, pathAndQuery, body, cancellationToken);
        return (int)status is >= 200 and < 300 ? json : throw CommandFailedException.FromError(json, message);
    }

    /// <summary>Sends a request and returns the status, the JSON body and, for a failure, the server's message.</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body, string Message)> TrySendAsync(HttpMethod method, string pathAndQuery, JsonNode? body, CancellationToken cancellationToken)
    {
        var (status, json, message, _) = await ExchangeAsync(method, pathAndQuery, body, cancellationToken);
        return (status, json, message);
    }

    /// <summary>
    /// Sends a request that ARM may run as a long-running operation: a 202 with <c>Azure-AsyncOperation</c> or
    /// <c>Location</c> is followed (every <c>Retry-After</c> seconds, one by default) until it has finished.
    /// </summary>
    public async Task<JsonNode?> SendAndWaitAsync(HttpMethod method, string pathAndQuery, JsonNode? body, CancellationToken cancellationToken)
    {
        var (status, json, message, operation) = await ExchangeAsync(method, pathAndQuery, body, cancellationToken);
        for (var polls = 0; status == HttpStatusCode.Accepted && operation is not null; polls++)
        {
            if (polls == 120)
            {
                throw new CommandFailedException($"The operation did not finish in time; follow it at {operation.Url}.");
            }

            await Task.Delay(operation.Wait, cancellationToken);
            (status, json, message, var next) = await ExchangeAsync(HttpMethod.Get, operation.Url, null, cancellationToken);
            if (operation.IsStatus && (int)status is >= 200 and < 300)
            {
                // Azure-AsyncOperation answers 200 with {"status": "InProgress" | "Succeeded" | "Failed", "error"}.
                var state = json?["status"]?.GetValue<string>();
                if (state is "Failed" or "Canceled")
                {
                    throw CommandFailedException.FromError(json, $"The operation ended {state}.");
                }

                status = state is "Succeeded" ? HttpStatusCode.OK : HttpStatusCode.Accepted;
            }

            operation = next ?? operation;
        }

        return (int)status is >= 200 and < 300 ? json : throw CommandFailedException.FromError(json, message);
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body, string Message, Operation? Operation)> ExchangeAsync(
        HttpMethod method, string pathAndQuery, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(cancellationToken));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonNode? json = null;
            try
            {
                json = text.Length == 0 ? null : JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's error page, say): the status says enough.
            }

            return (response.StatusCode, json, response.IsSuccessStatusCode ? string.Empty : ErrorMessage(response, json), Operation.Of(response));
        }
    }

    /// <summary>The deployment's subscription (<c>GET /subscriptions</c>), asked once per command.</summary>
    public async Task<JsonObject> SubscriptionAsync(CancellationToken cancellationToken)
    {
        if (_subscription is null)
        {
            var list = await SendAsync(HttpMethod.Get, "/subscriptions?api-version=2022-12-01", null, cancellationToken);
            _subscription = list?["value"] is JsonArray { Count: > 0 } value && value[0] is JsonObject first
                ? first
                : throw new CommandFailedException("The server lists no subscription.");
        }

        return _subscription;
    }

    public async Task<string> SubscriptionIdAsync(CancellationToken cancellationToken) =>
        (await SubscriptionAsync(cancellationToken))["subscriptionId"]?.GetValue<string>() ?? throw new CommandFailedException("The subscription has no id.");

    public async Task<string> TenantIdAsync(CancellationToken cancellationToken) =>
        (await SubscriptionAsync(cancellationToken))["tenantId"]?.GetValue<string>() ?? throw new CommandFailedException("The subscription has no tenant id.");

    /// <summary>Every item of an ARM or Graph list, following <c>nextLink</c> / <c>@odata.nextLink</c>.</summary>
    public async Task<JsonArray> ListAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        var items = new JsonArray();
        string? next = pathAndQuery;
        while (next is not null)
        {
            var page = await SendAsync(HttpMethod.Get, next, null, cancellationToken);
            foreach (var item in page?["value"] as JsonArray ?? [])
            {
                items.Add(item?.DeepClone());
            }

            next = (page?["nextLink"] ?? page?["@odata.nextLink"])?.GetValue<string>();
        }

        return items;
    }

    /// <summary>
    /// The signed-in principal's object id, read from the token's <c>oid</c> claim (the client's own token: the server
    /// verifies it, the client only reads it), as az reads it for the access policy it gives a vault's creator.
    /// </summary>
    public async Task<string> SignedInObjectIdAsync(CancellationToken cancellationToken)
    {
        var parts = (await TokenAsync(cancellationToken)).Split('.');
        try
        {
            var claims = parts.Length == 3 ? JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1])) : null;
            return claims?["oid"]?.GetValue<string>() ?? throw new CommandFailedException("The token names no object id (oid).");
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            throw new CommandFailedException("The token is not a JWT; the signed-in object id is unknown.", e);
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _handler.Dispose();
    }

    private async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        if (_token is { } token && token.ExpiresOn > DateTimeOffset.UtcNow.AddMinutes(1))
        {
            return token.Token;
        }

        try
        {
            _token = await _credential.GetTokenAsync(new TokenRequestContext([SignIn.Scope(Settings.Server)]), cancellationToken);
            return _token.Value.Token;
        }
        catch (AuthenticationFailedException e)
        {
            // Azure.Identity's messages name the credential and the server's error, never the secret.
            throw new CommandFailedException("Sign-in failed: " + e.Message, e);
        }
    }

    private CommandFailedException Unreachable(HttpRequestException e) =>
        e.InnerException is AuthenticationException
            ? new CommandFailedException(
                $"Could not verify the TLS certificate of {Settings.Server}: {e.InnerException.Message} " +
                "If the server uses Coffer's local CA, set COFFER_CA_FILE to its ca.crt (in the server's data directory).", e)
            : new CommandFailedException($"Could not reach {Settings.Server}: {e.Message}", e);

    /// <summary>Where a 202 says to follow its operation, and how long to wait before asking.</summary>
    private sealed record Operation(string Url, bool IsStatus, TimeSpan Wait)
    {
        public static Operation? Of(HttpResponseMessage response)
        {
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                return null;
            }

            var wait = response.Headers.RetryAfter?.Delta is { } delta && delta > TimeSpan.Zero && delta < TimeSpan.FromSeconds(30) ? delta : TimeSpan.FromSeconds(1);
            return response.Headers.TryGetValues("Azure-AsyncOperation", out var status) && status.FirstOrDefault() is { } statusUrl
                ? new Operation(statusUrl, true, wait)
                : response.Headers.Location is { } location ? new Operation(location.ToString(), false, wait) : null;
        }
    }

    /// <summary>ARM, Key Vault and Graph errors are <c>{"error":{"code","message"}}</c>; OAuth errors carry <c>error_description</c>.</summary>
    private static string ErrorMessage(HttpResponseMessage response, JsonNode? json)
    {
        var message = (json?["error"] as JsonObject)?["message"] ?? json?["error_description"];
        return message is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : $"The server answered {(int)response.StatusCode} {response.ReasonPhrase}.";
    }
}
