using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Abstractions;
using Coffer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Api.Tests.Keys;

/// <summary>
/// The rotation job on a fake clock: a key rotates when its policy says, exactly once per period, with the policy's
/// expiry on the new version; and a <c>Notify</c> moment is recorded once. Each test has a server of its own, since
/// moving its clock moves it for everything on it.
/// </summary>
public sealed class KeyRotationJobTests
{
    [Fact]
    public async Task TimeAfterCreateP30D_After30Days_ExactlyOneNewVersionWithPolicyExpiry()
    {
        // Arrange
        await using var vault = await ClockedVault.StartAsync();
        await vault.SendAsync(HttpMethod.Post, "/keys/rotating/create", """{"kty":"EC","crv":"P-384","key_ops":["sign"]}""");
        await vault.SendAsync(HttpMethod.Put, "/keys/rotating/rotationpolicy",
            """{"lifetimeActions":[{"trigger":{"timeAfterCreate":"P30D"},"action":{"type":"Rotate"}}],"attributes":{"expiryTime":"P60D"}}""");

        // Act: a day short of the period, then past it, then a while longer within the next period.
        vault.Time.Advance(TimeSpan.FromDays(29));
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var before = await vault.VersionsAsync("rotating");
        vault.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var after = await Eventually.ResultAsync(() => vault.VersionsAsync("rotating"), v => v.Count > 1);
        vault.Time.Advance(TimeSpan.FromDays(1));
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var later = await vault.VersionsAsync("rotating");

        // Assert
        Assert.Single(before);
        Assert.Equal(2, after.Count);
        Assert.Equal(2, later.Count);
        var latest = await vault.SendAsync(HttpMethod.Get, "/keys/rotating/");
        Assert.Equal("P-384", latest.GetProperty("key").GetProperty("crv").GetString());
        Assert.Equal(["sign"], latest.GetProperty("key").GetProperty("key_ops").EnumerateArray().Select(o => o.GetString()));
        var attributes = latest.GetProperty("attributes");
        Assert.Equal(60 * 86400, attributes.GetProperty("exp").GetInt64() - attributes.GetProperty("created").GetInt64());
        Assert.InRange(attributes.GetProperty("created").GetInt64() - before[0].GetProperty("attributes").GetProperty("created").GetInt64(), 30 * 86400, 31 * 86400);
    }

    [Fact]
    public async Task RotateTimeBeforeExpiry_RotatesThatLongBeforeTheKeyExpires()
    {
        // Arrange: the key expires in 45 days; the policy rotates 30 days before expiry, so on day 15.
        await using var vault = await ClockedVault.StartAsync();
        var exp = vault.Time.GetUtcNow().AddDays(45).ToUnixTimeSeconds();
        await vault.SendAsync(HttpMethod.Post, "/keys/expiring/create", $$$"""{"kty":"RSA","attributes":{"exp":{{{exp}}}}}""");
        await vault.SendAsync(HttpMethod.Put, "/keys/expiring/rotationpolicy",
            """{"lifetimeActions":[{"trigger":{"timeBeforeExpiry":"P30D"},"action":{"type":"Rotate"}}],"attributes":{"expiryTime":"P90D"}}""");

        // Act
        vault.Time.Advance(TimeSpan.FromDays(14));
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var before = await vault.VersionsAsync("expiring");
        vault.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var after = await Eventually.ResultAsync(() => vault.VersionsAsync("expiring"), v => v.Count > 1);

        // Assert
        Assert.Single(before);
        Assert.Equal(2, after.Count);
    }

    [Fact]
    public async Task NotifyTimeBeforeExpiry_RecordedOnceForTheVersion()
    {
        // Arrange: the key expires in 40 days; notify 30 days before, so on day 10.
        await using var vault = await ClockedVault.StartAsync();
        var exp = vault.Time.GetUtcNow().AddDays(40).ToUnixTimeSeconds();
        var created = await vault.SendAsync(HttpMethod.Post, "/keys/noticed/create", $$$"""{"kty":"EC","attributes":{"exp":{{{exp}}}}}""");
        await vault.SendAsync(HttpMethod.Put, "/keys/noticed/rotationpolicy",
            """{"lifetimeActions":[{"trigger":{"timeBeforeExpiry":"P30D"},"action":{"type":"Notify"}}]}""");
        var store = vault.Server.Services.GetRequiredService<IKeyStore>();
        var ct = TestContext.Current.CancellationToken;

        // Act
        vault.Time.Advance(TimeSpan.FromDays(9));
        await Task.Delay(300, ct);
        var before = await store.ListNotificationsAsync(0, 100, ct);
        vault.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var after = await Eventually.ResultAsync(() => store.ListNotificationsAsync(0, 100, ct), n => n.Count > 0);
        vault.Time.Advance(TimeSpan.FromDays(2));
        await Task.Delay(300, ct);
        var later = await store.ListNotificationsAsync(0, 100, ct);

        // Assert
        Assert.Empty(before);
        var notification = Assert.Single(later);
        Assert.Single(after);
        Assert.Equal("noticed", notification.Name);
        Assert.Equal(KeyCalls.VersionOf(created), notification.Version);
        Assert.Equal("KeyNearExpiry", notification.Type);
        Assert.Equal(exp - (30 * 86400), notification.Due.ToUnixTimeSeconds());
        Assert.Single(await vault.VersionsAsync("noticed"));
    }

    /// <summary>A server on a fake clock, with calls that take a fresh token each (tokens live on that clock too).</summary>
    private sealed class ClockedVault : IAsyncDisposable
    {
        private ClockedVault(FakeTimeProvider time, CofferServer server)
        {
            Time = time;
            Server = server;
            Client = server.CreateHttpClient();
        }

        public FakeTimeProvider Time { get; }

        public CofferServer Server { get; }

        private HttpClient Client { get; }

        public static async Task<ClockedVault> StartAsync()
        {
            var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
            var server = await CofferServer.StartAsync(services => services.AddSingleton<TimeProvider>(time));
            return new ClockedVault(time, server);
        }

        public async Task<JsonElement> SendAsync(HttpMethod method, string path, string? json = null)
        {
            using var request = new HttpRequestMessage(method, new Uri(Server.DevVaultUri, path + "?api-version=7.6"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await Server.GetTokenAsync());
            if (json is not null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
            return await Wire.AssertJsonAsync(response);
        }

        public async Task<List<JsonElement>> VersionsAsync(string name) =>
            (await SendAsync(HttpMethod.Get, $"/keys/{name}/versions")).GetProperty("value").EnumerateArray().ToList();

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Server.DisposeAsync();
        }
    }
}
