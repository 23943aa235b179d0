using System.Net;
using Coffer.Api.Tests.TestSupport;

namespace Coffer.Api.Tests.Network;

/// <summary>
/// The data-plane firewall over HTTPS, called from 127.0.0.1 and from 127.0.0.2: Key Vault's 403 bodies, CIDR
/// boundaries, public network access, and what the firewall leaves alone (the management API, tokens, the challenge).
/// </summary>
public sealed class FirewallTests(FirewallFixture fixture) : IClassFixture<FirewallFixture>
{
    [Fact]
    public async Task Read_FromAddressOutsideTheRules_Returns403ForbiddenByFirewallInKeyVaultsWords()
    {
        // Arrange
        var name = FirewallCalls.NewVaultName();
        await fixture.CreateVaultAsync(name, FirewallCalls.DenyExcept("127.0.0.1"));
        var claims = Jwt.Parse(fixture.Token).Payload;

        // Act
        using var inside = await fixture.ReadVaultAsync(fixture.Client, name);
        using var outside = await fixture.ReadVaultAsync(fixture.Elsewhere, name);

        // Assert
        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        var message = await Wire.AssertErrorAsync(outside, HttpStatusCode.Forbidden, "Forbidden", "ForbiddenByFirewall");
        Assert.Equal(
            "Client address is not authorized and caller is not a trusted service.\r\n" +
            "Client address: 127.0.0.2\r\n" +
            $"Caller: appid={claims["appid"]};oid={claims["oid"]};iss={claims["iss"]}\r\n" +
            $"Vault: {name};location=local",
            message);
    }

    [Theory]
    [InlineData("127.0.0.0/31", true, false)]
    [InlineData("127.0.0.2/31", false, true)]
    [InlineData("127.0.0.0/30", true, true)]
    [InlineData("127.0.0.2", false, true)]
    [InlineData("127.0.0.1/32", true, false)]
    [InlineData("127.0.0.3/32", false, false)]
    [InlineData("127.0.0.0/8", true, true)]
    [InlineData("126.0.0.0/8", false, false)]
    public async Task Read_CidrRule_AllowsExactlyTheAddressesInside(string rule, bool allowsFirst, bool allowsSecond)
    {
        // Arrange
        var name = FirewallCalls.NewVaultName();
        await fixture.CreateVaultAsync(name, FirewallCalls.DenyExcept(rule));

        // Act
        using var first = await fixture.ReadVaultAsync(fixture.Client, name);
        using var second = await fixture.ReadVaultAsync(fixture.Elsewhere, name);

        // Assert
        Assert.Equal(allowsFirst ? HttpStatusCode.OK : HttpStatusCode.Forbidden, first.StatusCode);
        Assert.Equal(allowsSecond ? HttpStatusCode.OK : HttpStatusCode.Forbidden, second.StatusCode);
    }

    [Fact]
    public async Task Read_DefaultActionAllow_IgnoresRulesThatLeaveTheCallerOut()
    {
        // Arrange
        var name = FirewallCalls.NewVaultName();
        await fixture.CreateVaultAsync(name, ""","networkAcls":{"defaultAction":"Allow","ipRules":[{"value":"203.0.113.0/24"}]}""");

        // Act
        using var response = await fixture.ReadVaultAsync(fixture.Elsewhere, name);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Read_PublicNetworkAccessDisabled_RefusesEveryCallerWithForbiddenByConnection()
    {
        // Arrange
        var name = FirewallCalls.NewVaultName();
        await fixture.CreateVaultAsync(name, ""","publicNetworkAccess":"Disabled",""" + FirewallCalls.DenyExcept("127.0.0.0/8")[1..]);
        var claims = Jwt.Parse(fixture.Token).Payload;

        // Act
        using var inRules = await fixture.ReadVaultAsync(fixture.Client, name);
        using var elsewhere = await fixture.ReadVaultAsync(fixture.Elsewhere, name);

        // Assert
        var message = await Wire.AssertErrorAsync(inRules, HttpStatusCode.Forbidden, "Forbidden", "ForbiddenByConnection");
        Assert.Equal(
            "Public network access is disabled and request is not from a trusted service nor via an approved private link.\r\n" +
            $"Caller: appid={claims["appid"]};oid={claims["oid"]};iss={claims["iss"]}\r\n" +
            $"Vault: {name};location=local",
            message);
        await Wire.AssertErrorAsync(elsewhere, HttpStatusCode.Forbidden, "Forbidden", "ForbiddenByConnection");
    }

    [Fact]
    public async Task Read_AnonymousFromOutsideTheRules_GetsTheChallengeFirst()
    {
        // Arrange
        var name = FirewallCalls.NewVaultName();
        await fixture.CreateVaultAsync(name, FirewallCalls.DenyExcept("127.0.0.1"));

        // Act
        using var response = await fixture.ReadVaultAsync(fixture.Elsewhere, name, anonymous: true);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Fact]
    public async Task ManagementAndTokens_FromOutsideTheRules_AreNotFirewalled()
    {
        // Arrange
        var name = FirewallCalls.NewVaultName();
        await fixture.CreateVaultAsync(name, ""","publicNetworkAccess":"Disabled",""" + FirewallCalls.DenyExcept("203.0.113.0/24")[1..]);
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(fixture.Server.Resource), fixture.V2TokenPath()))
        {
            Content = new FormUrlEncodedContent(fixture.ClientCredentials(fixture.Server.AdminClientId, fixture.Server.AdminClientSecret)),
        };

        // Act
        using var token = await fixture.Elsewhere.SendAsync(tokenRequest, TestContext.Current.CancellationToken);
        using var get = await fixture.ArmAsync(HttpMethod.Get, fixture.VaultPath(name) + FirewallCalls.ArmVersion, client: fixture.Elsewhere);
        using var patch = await fixture.ArmAsync(HttpMethod.Patch, fixture.VaultPath(name) + FirewallCalls.ArmVersion, """{"properties":{"publicNetworkAccess":"Enabled","networkAcls":{"defaultAction":"Allow"}}}""", fixture.Elsewhere);
        using var read = await fixture.ReadVaultAsync(fixture.Elsewhere, name);

        // Assert
        var issued = await Wire.AssertJsonAsync(token);
        Assert.False(string.IsNullOrEmpty(issued.GetProperty("access_token").GetString()));
        await Wire.AssertJsonAsync(get);
        var patched = await Wire.AssertJsonAsync(patch);
        Assert.Equal("Allow", patched.GetProperty("properties").GetProperty("networkAcls").GetProperty("defaultAction").GetString());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Patch_RulesChanged_TheDataPlaneFollowsAtOnce()
    {
        // Arrange
        var name = FirewallCalls.NewVaultName();
        var path = fixture.VaultPath(name) + FirewallCalls.ArmVersion;
        await fixture.CreateVaultAsync(name);
        using var before = await fixture.ReadVaultAsync(fixture.Client, name);

        // Act
        using var toOther = await fixture.ArmAsync(HttpMethod.Patch, path, """{"properties":{"networkAcls":{"defaultAction":"Deny","ipRules":[{"value":"10.0.0.0/8"}]}}}""");
        using var denied = await fixture.ReadVaultAsync(fixture.Client, name);
        using var toLoopback = await fixture.ArmAsync(HttpMethod.Patch, path, """{"properties":{"networkAcls":{"defaultAction":"Deny","ipRules":[{"value":"127.0.0.1"}]}}}""");
        using var allowed = await fixture.ReadVaultAsync(fixture.Client, name);

        // Assert
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await Wire.AssertJsonAsync(toOther);
        await Wire.AssertErrorAsync(denied, HttpStatusCode.Forbidden, "Forbidden", "ForbiddenByFirewall");
        await Wire.AssertJsonAsync(toLoopback);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Read_ForwardedForWithoutATrustedProxy_IsIgnored()
    {
        // Arrange
        var name = FirewallCalls.NewVaultName();
        await fixture.CreateVaultAsync(name, FirewallCalls.DenyExcept("127.0.0.1"));

        // Act
        using var spoofedIn = await fixture.ReadVaultAsync(fixture.Elsewhere, name, r => r.Headers.Add("X-Forwarded-For", "127.0.0.1"));
        using var spoofedOut = await fixture.ReadVaultAsync(fixture.Client, name, r => r.Headers.Add("X-Forwarded-For", "127.0.0.2"));

        // Assert
        var message = await Wire.AssertErrorAsync(spoofedIn, HttpStatusCode.Forbidden, "Forbidden", "ForbiddenByFirewall");
        Assert.Contains("Client address: 127.0.0.2\r\n", message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, spoofedOut.StatusCode);
    }

    [Fact]
    public async Task Read_OtherVaultWithoutRules_IsUnaffected()
    {
        // Arrange
        var walled = FirewallCalls.NewVaultName();
        var open = FirewallCalls.NewVaultName();
        await fixture.CreateVaultAsync(walled, FirewallCalls.DenyExcept("203.0.113.1"));
        await fixture.CreateVaultAsync(open);

        // Act
        using var response = await fixture.ReadVaultAsync(fixture.Elsewhere, open);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
