using System.Net;
using System.Net.Http.Headers;
using Coffer.Core;
using Coffer.Core.Alerts;
using Microsoft.Extensions.Logging;

namespace Coffer.Api.Alerts;

/// <summary>
/// POSTs a fired alert to its rule's webhook: JSON in Azure Monitor's common alert schema, each attempt bounded by a
/// timeout, retried on network failures, timeouts, 408, 429 and 5xx with a doubling back-off on the injected clock.
/// Redirects are not followed (one could lead the records to plain http). Logs name the rule, the alert, the webhook's
/// host and the status, never the URL's path or query (they often hold the receiver's token) nor a record.
/// </summary>
internal sealed class AlertWebhookSender : IAlertSender, IDisposable
{
    public const int MaxAttempts = 3;
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan FirstBackOff = TimeSpan.FromSeconds(2);

    private readonly HttpClient _http;
    private readonly Deployment _deployment;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertWebhookSender> _logger;

    public AlertWebhookSender(Deployment deployment, TimeProvider time, ILogger<AlertWebhookSender> logger)
        : this(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }, deployment, time, logger)
    {
    }

    internal AlertWebhookSender(HttpMessageHandler handler, Deployment deployment, TimeProvider time, ILogger<AlertWebhookSender> logger)
    {
        _http = new HttpClient(handler) { Timeout = AttemptTimeout };
        _deployment = deployment;
        _time = time;
        _logger = logger;
    }

    public async Task<bool> SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var body = AlertPayload.Write(notification, _deployment.SubscriptionId);
        var host = notification.Rule.Webhook.Authority;
        var backOff = FirstBackOff;
        for (var attempt = 1; ; attempt++)
        {
            var (delivered, retry, status) = await PostAsync(notification.Rule.Webhook, body, cancellationToken);
            if (delivered)
            {
                Log.AlertDelivered(_logger, notification.Rule.Name, notification.Id, host, status, attempt);
                return true;
            }

            Log.AlertDeliveryFailed(_logger, notification.Rule.Name, notification.Id, host, status, attempt);
            if (!retry || attempt == MaxAttempts)
            {
                return false;
            }

            await Task.Delay(backOff, _time, cancellationToken);
            backOff *= 2;
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>One attempt: delivered on 2xx; worth retrying on a transient failure; the status (0 without a response).</summary>
    private async Task<(bool Delivered, bool Retry, int Status)> PostAsync(Uri webhook, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        try
        {
            using var response = await _http.PostAsync(webhook, content, cancellationToken);
            var status = (int)response.StatusCode;
            return (response.IsSuccessStatusCode, status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests, status);
        }
        catch (HttpRequestException)
        {
            return (false, true, 0);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient's timeout.
            return (false, true, 0);
        }
    }
}
