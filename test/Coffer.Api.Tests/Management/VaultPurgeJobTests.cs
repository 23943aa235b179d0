using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Coffer.Core;
using Coffer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Api.Tests.Management;

/// <summary>The background job purges a soft-deleted vault, with its secrets, when its retention ends, and not before.</summary>
public sealed class VaultPurgeJobTests
{
    private const string V = "?api-version=2023-07-01";

    [Fact]
    public async Task DeletedVault_RetentionEnds_IsPurgedByBackgroundJobEvenUnderPurgeProtection()
    {
        // Arrange
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await CofferServer.StartAsync(services => services.AddSingleton<TimeProvider>(time));
        using var client = server.CreateHttpClient();
        var ct = TestContext.Current.CancellationToken;
        var deployment = server.Services.GetRequiredService<Deployment>();
        var name = "job" + Guid.NewGuid().ToString("N")[..12];
        var vault = $"{server.Resource}/subscriptions/{deployment.SubscriptionId:D}/resourceGroups/jobs/providers/Microsoft.KeyVault/vaults/{name}{V}";
        var deleted = $"{server.Resource}/subscriptions/{deployment.SubscriptionId:D}/providers/Microsoft.KeyVault/locations/local/deletedVaults/{name}{V}";
        var body = $$$"""{"location":"local","properties":{"tenantId":"{{{deployment.TenantId:D}}}","sku":{"family":"A","name":"standard"},"softDeleteRetentionInDays":7,"enablePurgeProtection":true}}""";
        var secret = new Uri(server.VaultUri(name), "/secrets/api-key?api-version=7.6");
        await SendAsync(client, server, HttpMethod.Put, vault, body, HttpStatusCode.Created);
        await SendAsync(client, server, HttpMethod.Put, secret.ToString(), """{"value":"old"}""", HttpStatusCode.OK);
        await SendAsync(client, server, HttpMethod.Delete, vault, null, HttpStatusCode.OK);

        // Act: a minute short of the 7-day retention, then past it.
        time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        await Task.Delay(300, ct);
        var beforeEnd = await SendAsync(client, server, HttpMethod.Get, deleted, null, null);
        time.Advance(TimeSpan.FromMinutes(2));
        var after = HttpStatusCode.OK;
        for (var attempt = 0; attempt < 100 && after == HttpStatusCode.OK; attempt++)
        {
            await Task.Delay(50, ct);
            after = await SendAsync(client, server, HttpMethod.Get, deleted, null, null);
        }

        // Assert
        Assert.Equal(HttpStatusCode.OK, beforeEnd);
        Assert.Equal(HttpStatusCode.NotFound, after);
        await SendAsync(client, server, HttpMethod.Put, vault, body, HttpStatusCode.Created);
        await SendAsync(client, server, HttpMethod.Get, secret.ToString(), null, HttpStatusCode.NotFound);
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, CofferServer server, HttpMethod method, string uri, string? json, HttpStatusCode? expected)
    {
        // Tokens are issued on the fake clock too, so each call takes a fresh one.
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await server.GetTokenAsync());
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        if (expected is { } status)
        {
            Assert.Equal(status, response.StatusCode);
        }

        return response.StatusCode;
    }
}
