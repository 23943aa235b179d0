using System.Net;
using System.Net.Http.Headers;
using Coffer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Api.Tests;

/// <summary>The background job purges a soft-deleted secret when its vault's retention ends, and not before.</summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task DeletedSecret_RetentionEnds_IsPurgedByBackgroundJob()
    {
        // Arrange
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await CofferServer.StartAsync(services => services.AddSingleton<TimeProvider>(time));
        using var client = server.CreateHttpClient();
        var vault = server.DevVaultUri;
        var ct = TestContext.Current.CancellationToken;
        await SendAsync(client, server, HttpMethod.Put, new Uri(vault, "/secrets/short-lived?api-version=7.6"), """{"value":"v"}""", HttpStatusCode.OK);
        await SendAsync(client, server, HttpMethod.Delete, new Uri(vault, "/secrets/short-lived?api-version=7.6"), null, HttpStatusCode.OK);
        var deleted = new Uri(vault, "/deletedsecrets/short-lived?api-version=7.6");

        // Act: one day short of the 90-day retention, then past it.
        time.Advance(TimeSpan.FromDays(89));
        await Task.Delay(200, ct);
        var beforeEnd = await SendAsync(client, server, HttpMethod.Get, deleted, null, null);
        time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(2));
        var after = HttpStatusCode.OK;
        for (var attempt = 0; attempt < 100 && after == HttpStatusCode.OK; attempt++)
        {
            await Task.Delay(50, ct);
            after = await SendAsync(client, server, HttpMethod.Get, deleted, null, null);
        }

        // Assert
        Assert.Equal(HttpStatusCode.OK, beforeEnd);
        Assert.Equal(HttpStatusCode.NotFound, after);
        await SendAsync(client, server, HttpMethod.Put, new Uri(vault, "/secrets/short-lived?api-version=7.6"), """{"value":"again"}""", HttpStatusCode.OK);
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, CofferServer server, HttpMethod method, Uri uri, string? json, HttpStatusCode? expected)
    {
        // Tokens are issued on the fake clock too, so each call takes a fresh one.
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await server.GetTokenAsync());
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        if (expected is { } status)
        {
            Assert.Equal(status, response.StatusCode);
        }

        return response.StatusCode;
    }
}
