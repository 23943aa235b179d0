using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Identity;

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

    /// <summary>Sends a request; a success returns its JSON body (null when empty), anything else throws.</summary>
    public async Task<JsonNode?> SendAsync(HttpMethod method, string pathAndQuery, JsonNode? body, CancellationToken cancellationToken)
    {
        var (status, json, message) = await TrySendAsync(method, pathAndQuery, body, cancellationToken);
        return (int)status is >= 200 and < 300 ? json : throw new CommandFailedException(message);
    }

    /// <summary>Sends a request and returns the status, the JSON body and, for a failure, the server's message.</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body, string Message)> TrySendAsync(HttpMethod method, string pathAndQuery, JsonNode? body, CancellationToken cancellationToken)
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

            return (response.StatusCode, json, response.IsSuccessStatusCode ? string.Empty : ErrorMessage(response, json));
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

    /// <summary>ARM, Key Vault and Graph errors are <c>{"error":{"code","message"}}</c>; OAuth errors carry <c>error_description</c>.</summary>
    private static string ErrorMessage(HttpResponseMessage response, JsonNode? json)
    {
        var message = (json?["error"] as JsonObject)?["message"] ?? json?["error_description"];
        return message is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : $"The server answered {(int)response.StatusCode} {response.ReasonPhrase}.";
    }
}
