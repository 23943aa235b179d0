using System.Net;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Identity;

namespace Coffer.Api.Tests.Hosting;

/// <summary>
/// The bearer challenge (keyvault-rest-api.md §2.1): every SDK's first request carries no token (and, for PUT/POST,
/// no body), and must get the 401 with the exact header before any routing, body or parameter validation.
/// </summary>
public sealed class ChallengeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task GetSecret_WithoutAuthorization_Returns401WithChallenge()
    {
        // Arrange
        using var request = fixture.RequestAs(null, HttpMethod.Get, SecretCalls.Path("anything"));

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Fact]
    public async Task PutSecret_EmptyBodyWithoutAuthorization_Returns401NotBadRequest()
    {
        // Arrange: what the .NET, Python and JS clients send first.
        using var request = fixture.RequestAs(null, HttpMethod.Put, SecretCalls.Path("anything"));
        request.Content = new ByteArrayContent([]);

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        Assert.Equal(0, request.Content.Headers.ContentLength);
        Assert.Null(request.Content.Headers.ContentType);
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Fact]
    public async Task PostRestore_EmptyBodyWithoutAuthorization_Returns401NotBadRequest()
    {
        // Arrange
        using var request = fixture.RequestAs(null, HttpMethod.Post, $"/secrets/restore?api-version={ServerFixture.ApiVersion}");
        request.Content = new ByteArrayContent([]);

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Fact]
    public async Task PostUnknownPath_WithoutAuthorization_Returns401NotNotFound()
    {
        // Arrange
        using var request = fixture.RequestAs(null, HttpMethod.Post, $"/no/such/operation?api-version={ServerFixture.ApiVersion}");
        request.Content = new ByteArrayContent([]);

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Fact]
    public async Task GetSecret_WithoutAuthorizationOrApiVersion_Returns401NotBadRequest()
    {
        // Arrange
        using var request = fixture.RequestAs(null, HttpMethod.Get, "/secrets/anything");

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Fact]
    public async Task UnknownVault_WithoutAuthorization_Returns401BeforeNotFound()
    {
        // Arrange
        using var request = fixture.RequestAs(null, HttpMethod.Get, SecretCalls.Path("anything"), baseUri: fixture.Server.VaultUri("nosuchvault"));

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Fact]
    public async Task UnknownVault_WithValidToken_Returns404VaultNotFound()
    {
        // Arrange
        using var request = fixture.Request(HttpMethod.Get, SecretCalls.Path("anything"), baseUri: fixture.Server.VaultUri("nosuchvault"));

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "VaultNotFound");
    }

    [Theory]
    [InlineData("Basic ZGV2OmRldg==")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Token abc.def.ghi")]
    public async Task GetSecret_AuthorizationNotABearerToken_Returns401WithChallenge(string authorization)
    {
        // Arrange
        using var request = fixture.RequestAs(null, HttpMethod.Get, SecretCalls.Path("anything"));
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Fact]
    public async Task Challenge_Tenant_IsTheTokensTenant()
    {
        // Arrange
        using var request = fixture.RequestAs(null, HttpMethod.Get, SecretCalls.Path("anything"));
        var tid = Jwt.Parse(fixture.Token).Payload["tid"]!.GetValue<string>(); // Coffer's tokens always carry tid

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        var tenant = await Wire.AssertChallengeAsync(response, fixture.Server);
        Assert.Equal(fixture.GetService<TokenAuthority>().TenantId, tenant);
        Assert.Equal(tenant.ToString("D"), tid);
    }

    [Fact]
    public async Task GetSecret_WithValidToken_DoesNotChallenge()
    {
        // Arrange: the control for every 401 above; the same request with the token gets past the gate.
        using var request = fixture.Request(HttpMethod.Get, SecretCalls.Path(Names.Unique("absent")));

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "SecretNotFound");
        Assert.False(response.Headers.Contains("WWW-Authenticate"));
    }
}
