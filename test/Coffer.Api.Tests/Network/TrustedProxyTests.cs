using System.Net;
using Coffer.Api.Tests.TestSupport;

namespace Coffer.Api.Tests.Network;

/// <summary>
/// <c>X-Forwarded-For</c> names the caller only on a connection from a trusted proxy (here 127.0.0.1): its right-most
/// address that is not a trusted proxy, and a malformed header leaves the caller unknown and refused.
/// </summary>
public sealed class TrustedProxyTests(TrustedProxyFixture fixture) : IClassFixture<TrustedProxyFixture>
{
    private static Action<HttpRequestMessage> ForwardedFor(params string[] values) => request =>
    {
        foreach (var value in values)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", value);
        }
    };

    [Fact]
    public async Task Read_ThroughTrustedProxyForCallerOutsideTheRules_Returns403NamingTheCaller()
    {
        // Arrange
        var name = FirewallCalls.NewVaultName();
        await fixture.CreateVaultAsync(name, FirewallCalls.DenyExcept("127.0.0.1"));

        // Act
        using var response = await fixture.ReadVaultAsync(fixture.Client, name, ForwardedFor("127.0.0.2"));

        // Assert
        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.Forbidden, "Forbidden", "ForbiddenByFirewall");
        Assert.Contains("Client address: 127.0.0.2\r\n", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ThroughTrustedProxyForCallerInsideTheRules_IsAllowed()
    {
        // Arrange
        var name = FirewallCalls.NewVaultName();
        await fixture.CreateVaultAsync(name, FirewallCalls.DenyExcept("203.0.113.0/24"));

        // Act
        using var direct = await fixture.ReadVaultAsync(fixture.Client, name);
        using var forwarded = await fixture.ReadVaultAsync(fixture.Client, name, ForwardedFor("203.0.113.9"));
        using var withPort = await fixture.ReadVaultAsync(fixture.Client, name, ForwardedFor("203.0.113.9:51234"));

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, direct.StatusCode);
        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withPort.StatusCode);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "198.51.100.1, 203.0.113.9")]
    [InlineData(HttpStatusCode.Forbidden, "203.0.113.9, 198.51.100.1")]
    [InlineData(HttpStatusCode.OK, "198.51.100.1, 203.0.113.9, 127.0.0.1")]
    [InlineData(HttpStatusCode.OK, "198.51.100.1", "203.0.113.9")]
    [InlineData(HttpStatusCode.Forbidden, "203.0.113.9", "198.51.100.1, 127.0.0.1")]
    [InlineData(HttpStatusCode.OK, "not-an-address, 203.0.113.9")]
    [InlineData(HttpStatusCode.Forbidden, "::ffff:127.0.0.1, 2001:db8::1")]
    public async Task Read_ForwardedChain_UsesTheRightMostAddressThatIsNotATrustedProxy(HttpStatusCode expected, params string[] headers)
    {
        // Arrange
        var name = FirewallCalls.NewVaultName();
        await fixture.CreateVaultAsync(name, FirewallCalls.DenyExcept("203.0.113.0/24"));

        // Act
        using var response = await fixture.ReadVaultAsync(fixture.Client, name, ForwardedFor(headers));

        // Assert
        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("203.0.113.9, ")]
    [InlineData("203.0.113.9,,127.0.0.1")]
    [InlineData("")]
    public async Task Read_MalformedForwardedForFromTrustedProxy_IsRefusedAsUnknown(string header)
    {
        // Arrange
        var name = FirewallCalls.NewVaultName();
        await fixture.CreateVaultAsync(name, FirewallCalls.DenyExcept("0.0.0.0/0"));

        // Act
        using var response = await fixture.ReadVaultAsync(fixture.Client, name, ForwardedFor(header));

        // Assert
        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.Forbidden, "Forbidden", "ForbiddenByFirewall");
        Assert.Contains("Client address: unknown\r\n", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ThroughTrustedProxyForIPv6Caller_MatchesNoIPv4Rule()
    {
        // Arrange
        var name = FirewallCalls.NewVaultName();
        await fixture.CreateVaultAsync(name, FirewallCalls.DenyExcept("0.0.0.0/0"));

        // Act
        using var v6 = await fixture.ReadVaultAsync(fixture.Client, name, ForwardedFor("[2001:db8::1]:4711"));
        using var mapped = await fixture.ReadVaultAsync(fixture.Client, name, ForwardedFor("::ffff:203.0.113.9"));

        // Assert
        var message = await Wire.AssertErrorAsync(v6, HttpStatusCode.Forbidden, "Forbidden", "ForbiddenByFirewall");
        Assert.Contains("Client address: 2001:db8::1\r\n", message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, mapped.StatusCode);
    }

    [Fact]
    public async Task Read_ForwardedForFromUntrustedConnection_IsIgnored()
    {
        // Arrange
        var name = FirewallCalls.NewVaultName();
        await fixture.CreateVaultAsync(name, FirewallCalls.DenyExcept("203.0.113.0/24"));

        // Act
        using var response = await fixture.ReadVaultAsync(fixture.Elsewhere, name, ForwardedFor("203.0.113.9"));

        // Assert
        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.Forbidden, "Forbidden", "ForbiddenByFirewall");
        Assert.Contains("Client address: 127.0.0.2\r\n", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_OpenVaultWithMalformedForwardedFor_IsNotFirewalled()
    {
        // Arrange
        var name = FirewallCalls.NewVaultName();
        await fixture.CreateVaultAsync(name);

        // Act
        using var response = await fixture.ReadVaultAsync(fixture.Client, name, ForwardedFor("garbage"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
