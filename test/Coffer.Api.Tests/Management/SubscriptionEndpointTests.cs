using System.Net;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core;

namespace Coffer.Api.Tests.Management;

/// <summary><c>GET /subscriptions?api-version=2022-12-01</c> on the bare host: ARM's list with the deployment's one subscription.</summary>
public sealed class SubscriptionEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string ListPath = "/subscriptions?api-version=2022-12-01";

    [Fact]
    public async Task List_SignedIn_ReturnsTheDeploymentsSubscription()
    {
        // Arrange
        var deployment = fixture.GetService<Deployment>();

        // Act
        using var response = await fixture.SendAsync(fixture.Request(HttpMethod.Get, ListPath, baseUri: BareHost));

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(["value"], Wire.PropertyNames(body));
        var subscription = Assert.Single(body.GetProperty("value").EnumerateArray().ToArray());
        Assert.Equal(["authorizationSource", "displayName", "id", "state", "subscriptionId", "tenantId"], Wire.PropertyNames(subscription));
        Assert.Equal("/subscriptions/" + deployment.SubscriptionId.ToString("D"), subscription.GetProperty("id").GetString());
        Assert.Equal(deployment.SubscriptionId.ToString("D"), subscription.GetProperty("subscriptionId").GetString());
        Assert.Equal(deployment.TenantId.ToString("D"), subscription.GetProperty("tenantId").GetString());
        Assert.Equal("Enabled", subscription.GetProperty("state").GetString());
    }

    [Fact]
    public async Task List_WithoutToken_Returns401WithArmChallenge()
    {
        // Act
        using var response = await fixture.SendAsync(fixture.RequestAs(null, HttpMethod.Get, ListPath, baseUri: BareHost));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "AuthenticationFailed");
        var challenge = Assert.Single(response.Headers.WwwAuthenticate).ToString();
        Assert.StartsWith($"Bearer authorization_uri=\"https://localhost:{fixture.Server.Port}/", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_WithoutApiVersion_Returns400()
    {
        // Act
        using var response = await fixture.SendAsync(fixture.Request(HttpMethod.Get, "/subscriptions", baseUri: BareHost));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "MissingApiVersionParameter");
    }

    [Fact]
    public async Task List_OnAVaultHost_Returns404()
    {
        // Act
        using var response = await fixture.SendAsync(fixture.Request(HttpMethod.Get, ListPath));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private Uri BareHost => new(fixture.Server.Resource);
}
