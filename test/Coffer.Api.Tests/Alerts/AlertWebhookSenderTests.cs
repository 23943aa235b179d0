using System.Net;
using System.Text.Json;
using Coffer.Api.Alerts;
using Coffer.Core;
using Coffer.Core.Alerts;
using Coffer.Core.Audit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Api.Tests.Alerts;

/// <summary>The webhook sender: the common alert schema body, bounded retries of transient failures only, back-off on the injected clock.</summary>
public sealed class AlertWebhookSenderTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    private static AlertNotification Notification()
    {
        var rule = new AlertRule("rg", "denied")
        {
            Scope = "/subscriptions/5d1b0c4e-2a55-4a40-8f3b-3b7e8f0a9c11/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/billing",
            Operations = ["SecretGet"],
            Webhook = new Uri("https://hooks.example.com/services/T0/B0/token-in-path"),
            Severity = 1,
        };
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
        var record = new AuditRecord
        {
            ChainId = "local",
            Sequence = 7,
            Time = now.AddSeconds(-30),
            ResourceId = rule.Scope,
            VaultName = "billing",
            OperationName = "SecretGet",
            ResultType = "Forbidden",
            ResultSignature = "Forbidden",
            RequestUri = "https://billing.localhost/secrets/s",
            HttpStatusCode = 403,
            Identity = new AuditIdentity("0f6a1d3e-4b1c-4f5e-9a7d-2c3b4a5d6e7f", null, null),
        };
        return new AlertNotification(Guid.NewGuid(), rule, now, now.AddMinutes(-5), now, 1, [record]);
    }

    private async Task<(bool Delivered, ScriptedHandler Handler)> SendAsync(params HttpStatusCode?[] answers)
    {
        var handler = new ScriptedHandler(answers);
        using var sender = new AlertWebhookSender(handler, new Deployment(Guid.NewGuid(), Guid.NewGuid()), _time, NullLogger<AlertWebhookSender>.Instance);
        var sending = sender.SendAsync(Notification(), TestContext.Current.CancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!sending.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < deadline, "The sender did not finish.");
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        return (await sending, handler);
    }

    [Fact]
    public async Task Send_TransientFailuresThenSuccess_RetriesAndDelivers()
    {
        // Act
        var (delivered, handler) = await SendAsync(HttpStatusCode.ServiceUnavailable, null, HttpStatusCode.Accepted);

        // Assert
        Assert.True(delivered);
        Assert.Equal(3, handler.Bodies.Count);
        using var body = JsonDocument.Parse(handler.Bodies[0]);
        Assert.Equal("azureMonitorCommonAlertSchema", body.RootElement.GetProperty("schemaId").GetString());
        var essentials = body.RootElement.GetProperty("data").GetProperty("essentials");
        Assert.Equal("denied", essentials.GetProperty("alertRule").GetString());
        Assert.Equal("Sev1", essentials.GetProperty("severity").GetString());
        Assert.Equal(["billing"], essentials.GetProperty("configurationItems").EnumerateArray().Select(e => e.GetString()));
        var record = Assert.Single(body.RootElement.GetProperty("data").GetProperty("alertContext").GetProperty("records").EnumerateArray());
        Assert.Equal("Forbidden", record.GetProperty("resultType").GetString());
        Assert.Equal("application/json", handler.ContentType);
    }

    [Fact]
    public async Task Send_AlwaysFailing_StopsAfterMaxAttempts()
    {
        // Act
        var (delivered, handler) = await SendAsync(HttpStatusCode.InternalServerError, HttpStatusCode.TooManyRequests, HttpStatusCode.BadGateway, HttpStatusCode.OK);

        // Assert
        Assert.False(delivered);
        Assert.Equal(AlertWebhookSender.MaxAttempts, handler.Bodies.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Redirect)]
    public async Task Send_PermanentAnswer_DoesNotRetry(HttpStatusCode answer)
    {
        // Act
        var (delivered, handler) = await SendAsync(answer, HttpStatusCode.OK);

        // Assert
        Assert.False(delivered);
        Assert.Single(handler.Bodies);
    }

    /// <summary>Answers each request with the next scripted status; null is a connection failure.</summary>
    private sealed class ScriptedHandler(HttpStatusCode?[] answers) : HttpMessageHandler
    {
        private int _next;

        public List<string> Bodies { get; } = [];

        public string? ContentType { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal(HttpMethod.Post, request.Method);
            Bodies.Add(await request.Content!.ReadAsStringAsync(cancellationToken)); // the sender always sends a body
            ContentType = request.Content.Headers.ContentType?.MediaType;
            var answer = answers[_next++];
            return answer is { } status ? new HttpResponseMessage(status) : throw new HttpRequestException("Connection refused.");
        }
    }
}
