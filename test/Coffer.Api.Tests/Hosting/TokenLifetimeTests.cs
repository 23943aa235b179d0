using System.Text.Json;
using Coffer.Api.Tests.TestSupport;

namespace Coffer.Api.Tests.Hosting;

/// <summary>
/// Token lifetime on the server's own clock (a fake one): a token that was accepted (and so remembered by the
/// validator) stops working once exp plus the 5-minute clock skew has passed.
/// </summary>
public sealed class TokenLifetimeTests(FakeTimeServerFixture fixture) : IClassFixture<FakeTimeServerFixture>
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);
    private static readonly string ReadPath = $"/secrets?api-version={ServerFixture.ApiVersion}&maxresults=1";

    [Fact]
    public async Task AcceptedToken_AfterExpiryPlusSkew_Returns401()
    {
        // Arrange
        var token = await fixture.Server.GetTokenAsync();
        var expires = DateTimeOffset.FromUnixTimeSeconds(Jwt.Seconds(Jwt.Parse(token).Payload, "exp"));
        using (var before = await SendWithAsync(token))
        {
            await Wire.AssertJsonAsync(before);
        }

        fixture.Time.SetUtcNow(expires + Skew);

        // Act
        using var response = await SendWithAsync(token);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Fact]
    public async Task AcceptedToken_JustBeforeExpiryPlusSkew_IsStillAccepted()
    {
        // Arrange
        var token = await fixture.Server.GetTokenAsync();
        var expires = DateTimeOffset.FromUnixTimeSeconds(Jwt.Seconds(Jwt.Parse(token).Payload, "exp"));
        using (var before = await SendWithAsync(token))
        {
            await Wire.AssertJsonAsync(before);
        }

        fixture.Time.SetUtcNow(expires + Skew - TimeSpan.FromSeconds(1));

        // Act
        using var response = await SendWithAsync(token);

        // Assert
        await Wire.AssertJsonAsync(response);
    }

    [Fact]
    public async Task NeverSeenToken_AfterExpiryPlusSkew_Returns401()
    {
        // Arrange: the first use comes after expiry (no remembered verification).
        var token = await fixture.Server.GetTokenAsync();
        var expires = DateTimeOffset.FromUnixTimeSeconds(Jwt.Seconds(Jwt.Parse(token).Payload, "exp"));
        fixture.Time.SetUtcNow(expires + Skew + TimeSpan.FromSeconds(1));

        // Act
        using var response = await SendWithAsync(token);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Fact]
    public async Task ManagedIdentityToken_ExpiresOn_IsServerClockPlusLifetime()
    {
        // Arrange
        var now = fixture.Time.GetUtcNow();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{fixture.Server.IdentityEndpoint}?api-version=2019-08-01&resource={Uri.EscapeDataString(fixture.Server.Resource)}");
        request.Headers.Add("X-IDENTITY-HEADER", fixture.Server.IdentityHeader);

        // Act
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        var expiresOn = long.Parse(body.GetProperty("expires_on").GetString()!, System.Globalization.CultureInfo.InvariantCulture); // asserted elsewhere to be digits
        var payload = Jwt.Parse(body.GetProperty("access_token").GetString()!).Payload; // a 200 always carries a token
        Assert.Equal(now.ToUnixTimeSeconds(), Jwt.Seconds(payload, "iat"));
        Assert.Equal(expiresOn, Jwt.Seconds(payload, "exp"));
        Assert.Equal(now.ToUnixTimeSeconds() + 3600, expiresOn);
        Assert.Equal(JsonValueKind.Number, body.GetProperty("expires_in").ValueKind);
    }

    private async Task<HttpResponseMessage> SendWithAsync(string token)
    {
        using var request = fixture.RequestAs(token, HttpMethod.Get, ReadPath);
        return await fixture.SendAsync(request);
    }
}
