using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Coffer.Core;
using Coffer.Core.Authorization;
using Coffer.Core.Identity;
using Coffer.Core.Vaults;
using Coffer.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Compat.Tests;

/// <summary>
/// The proof for alert rules: a server on a fake clock, a rule made through the management API, the unmodified
/// SecretClient reading as a principal with no role and as one with Key Vault Secrets User, and a webhook receiver on
/// loopback that counts what arrives.
/// </summary>
public sealed class AlertTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeniedBurst_FiresOneAlertListingItsRecords_AllowedReadsAndQuietRoundsFireNone()
    {
        // Arrange
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await CofferServer.StartAsync(services => services.AddSingleton<TimeProvider>(time));
        await using var receiver = await WebhookReceiver.StartAsync();
        var services = server.Services;
        var subscription = services.GetRequiredService<Deployment>().SubscriptionId;
        var vault = await services.GetRequiredService<VaultDirectory>().EnsureAsync("alert" + Guid.NewGuid().ToString("N")[..10], Ct);
        var admin = Client(server, vault.Name, server.IdentityHeader);
        await admin.SetSecretAsync("db-password", "not-for-everyone", Ct);
        var identities = services.GetRequiredService<IdentityService>();
        var (intruder, intruderCredential) = await identities.CreateAsync("intruder-" + Guid.NewGuid().ToString("N")[..8], Ct);
        var (reader, readerCredential) = await identities.CreateAsync("reader-" + Guid.NewGuid().ToString("N")[..8], Ct);
        await services.GetRequiredService<AccessEvaluator>().AssignAsync(reader.PrincipalId, BuiltInRoles.SecretsUser, vault.ResourceId(subscription), Ct);
        var readerClient = Client(server, vault.Name, readerCredential);
        // The SDK's first call is an unauthenticated challenge, which an audit log may well record as Unauthorized; let
        // the reader's fall out of the window before the rule exists, so the allowed phase has only allowed reads.
        await readerClient.GetSecretAsync("db-password", cancellationToken: Ct);
        time.Advance(TimeSpan.FromMinutes(6));
        var rulePath = $"/subscriptions/{subscription:D}/resourceGroups/monitoring/providers/Coffer.Alerts/alertRules/denied-reads?api-version=2025-07-01";
        using var http = server.CreateHttpClient();
        var created = await ArmAsync(http, server, HttpMethod.Put, rulePath, $$$"""
            {"properties":{"scope":"{{{vault.ResourceId(subscription)}}}","operationNames":["SecretGet"],"resultTypes":["Unauthorized","Forbidden"],
             "threshold":0,"windowSize":"PT5M","evaluationFrequency":"PT1M","severity":2,"webhookUrl":"{{{receiver.Url}}}"}}
            """);
        var intruderClient = Client(server, vault.Name, intruderCredential);

        // Act: a burst of denied reads, then one evaluation.
        var denied = new List<RequestFailedException>();
        for (var i = 0; i < 3; i++)
        {
            denied.Add(await Assert.ThrowsAsync<RequestFailedException>(() => intruderClient.GetSecretAsync("db-password", cancellationToken: Ct)));
        }

        var burstEvaluated = await EvaluateAsync(time, http, server, rulePath);
        var alert = await receiver.WaitForAsync(1);

        // Act: a round with nothing new, then allowed reads and another round.
        var quietEvaluated = await EvaluateAsync(time, http, server, rulePath);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("not-for-everyone", (await readerClient.GetSecretAsync("db-password", cancellationToken: Ct)).Value.Value);
        }

        var allowedEvaluated = await EvaluateAsync(time, http, server, rulePath);

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.All(denied, e => Assert.Equal(403, e.Status));
        Assert.NotNull(burstEvaluated.GetProperty("properties").GetProperty("lastFiredTime").GetString());
        Assert.Equal(1, receiver.Count);
        Assert.Equal("azureMonitorCommonAlertSchema", alert.GetProperty("schemaId").GetString());
        var essentials = alert.GetProperty("data").GetProperty("essentials");
        Assert.Equal("denied-reads", essentials.GetProperty("alertRule").GetString());
        Assert.Equal("Sev2", essentials.GetProperty("severity").GetString());
        Assert.Equal("Fired", essentials.GetProperty("monitorCondition").GetString());
        Assert.Equal([vault.ResourceId(subscription).ToLowerInvariant()], essentials.GetProperty("alertTargetIDs").EnumerateArray().Select(e => e.GetString()));
        var context = alert.GetProperty("data").GetProperty("alertContext");
        Assert.Equal("PT5M", context.GetProperty("condition").GetProperty("windowSize").GetString());
        var records = context.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(records.Count, context.GetProperty("recordCount").GetInt32());
        Assert.Equal(records.Count, context.GetProperty("condition").GetProperty("allOf")[0].GetProperty("metricValue").GetInt32());
        Assert.All(records, r => Assert.Equal("SecretGet", r.GetProperty("operationName").GetString()));
        var forbidden = records.Where(r => r.GetProperty("resultType").GetString() == "Forbidden").ToList();
        Assert.Equal(3, forbidden.Count);
        Assert.All(forbidden, r => Assert.Equal(
            intruder.PrincipalId.ToString("D"), r.GetProperty("identity").GetProperty("claim").GetProperty("http://schemas.microsoft.com/identity/claims/objectidentifier").GetString()));
        Assert.Equal(3, forbidden.Select(r => r.GetProperty("correlationId").GetString()).Distinct().Count());
        // Besides the refusals, at most the challenge the intruder's client met first (anonymous, Unauthorized).
        Assert.All(records.Except(forbidden), r => Assert.Equal("Unauthorized", r.GetProperty("resultType").GetString()));
        Assert.InRange(records.Count, 3, 4);
        Assert.DoesNotContain("not-for-everyone", alert.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(burstEvaluated.GetProperty("properties").GetProperty("lastFiredTime").GetString(), quietEvaluated.GetProperty("properties").GetProperty("lastFiredTime").GetString());
        Assert.Equal(burstEvaluated.GetProperty("properties").GetProperty("lastFiredTime").GetString(), allowedEvaluated.GetProperty("properties").GetProperty("lastFiredTime").GetString());
    }

    /// <summary>
    /// Moves the clock one evaluation period on and waits (in real time, bounded) until the job has evaluated the rule
    /// at the new time, so a test can then assert what was or was not sent. Returns the rule as it stands then.
    /// </summary>
    private static async Task<JsonElement> EvaluateAsync(FakeTimeProvider time, HttpClient http, CofferServer server, string rulePath)
    {
        time.Advance(TimeSpan.FromMinutes(1));
        var due = time.GetUtcNow().AddSeconds(-1);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var rule = (await ArmAsync(http, server, HttpMethod.Get, rulePath)).Body;
            if (rule.GetProperty("properties").TryGetProperty("lastEvaluatedTime", out var evaluated) && evaluated.GetDateTimeOffset() >= due)
            {
                return rule;
            }

            Assert.True(DateTime.UtcNow < deadline, "The alert job did not evaluate the rule after the clock moved.");
            await Task.Delay(50, Ct);
        }
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ArmAsync(HttpClient http, CofferServer server, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, server.Resource + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await server.GetTokenAsync());
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        using var document = JsonDocument.Parse(text);
        return (response.StatusCode, document.RootElement.Clone());
    }

    /// <summary>The unmodified SecretClient, signed in as the managed identity whose credential is <paramref name="identityHeader"/>.</summary>
    private static SecretClient Client(CofferServer server, string vault, string identityHeader)
    {
        var options = new SecretClientOptions { Transport = new HttpClientTransport(server.CreateHandler()) };
        options.Retry.MaxRetries = 0;
        return new SecretClient(server.VaultUri(vault), new IdentityHeaderCredential(server, identityHeader), options);
    }

    /// <summary>Tokens from the server's managed-identity endpoint for one identity, without touching the process's environment.</summary>
    private sealed class IdentityHeaderCredential(CofferServer server, string identityHeader) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(await server.GetTokenAsync(identityHeader), DateTimeOffset.UtcNow.AddMinutes(5));
    }

    /// <summary>A webhook on 127.0.0.1 that keeps every JSON body POSTed to it.</summary>
    private sealed class WebhookReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<JsonElement> _received = new();

        private WebhookReceiver(WebApplication app, string url)
        {
            _app = app;
            Url = url;
        }

        public string Url { get; }

        public int Count => _received.Count;

        public static async Task<WebhookReceiver> StartAsync()
        {
            var port = FreePorts.Take(1)[0];
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            var app = builder.Build();
            var receiver = new WebhookReceiver(app, $"http://127.0.0.1:{port}/hooks/coffer");
            app.MapPost("/hooks/coffer", async (HttpContext context) =>
            {
                using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
                receiver._received.Enqueue(document.RootElement.Clone());
                return Results.Ok();
            });
            await app.StartAsync();
            return receiver;
        }

        /// <summary>Waits (bounded) until <paramref name="count"/> bodies arrived; returns the last.</summary>
        public async Task<JsonElement> WaitForAsync(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (_received.Count < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"The webhook received {_received.Count} alerts, not {count}.");
                await Task.Delay(50, Ct);
            }

            return _received.ToArray()[count - 1];
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
