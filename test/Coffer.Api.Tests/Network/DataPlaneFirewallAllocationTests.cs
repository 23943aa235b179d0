using System.Net;
using Coffer.Api.Hosting;
using Coffer.Core.Identity;
using Coffer.Core.Network;
using Coffer.Core.Vaults;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Api.Tests.Network;

/// <summary>The firewall sits on every data-plane request: a caller it lets through costs no allocation.</summary>
public sealed class DataPlaneFirewallAllocationTests
{
    private static readonly Principal Caller = new(Guid.NewGuid(), Guid.NewGuid(), "app", DateTimeOffset.MaxValue);

    private static long AllocatedBy(Action action)
    {
        action();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            action();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static DataPlaneFirewall Firewall(params IPNetwork[] trustedProxies) =>
        new(new ClientAddressResolver(new CofferApiOptions { TrustedProxies = trustedProxies }), NullLogger<DataPlaneFirewall>.Instance);

    [Fact]
    public void Enforce_OpenVault_AllocatesNothing()
    {
        // Arrange
        var firewall = Firewall();
        var vault = new Vault(Guid.NewGuid(), "open", DateTimeOffset.UnixEpoch, 90, false);
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("198.51.100.1");

        // Act
        var allocated = AllocatedBy(() => firewall.Enforce(context, vault, Caller));

        // Assert
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Enforce_CallerInsideTheRules_AllocatesNothingAndOutsideThrows()
    {
        // Arrange
        var firewall = Firewall();
        var rules = new NetworkRuleSet(NetworkDefaultAction.Deny, NetworkBypass.AzureServices, [IPv4Range.TryParse("198.51.100.0/24", out var range) ? range : default]);
        var vault = new Vault(Guid.NewGuid(), "walled", DateTimeOffset.UnixEpoch, 90, false) { NetworkAcls = rules };
        var inside = new DefaultHttpContext();
        inside.Connection.RemoteIpAddress = IPAddress.Parse("::ffff:198.51.100.1");
        var outside = new DefaultHttpContext();
        outside.Connection.RemoteIpAddress = IPAddress.Parse("198.51.101.1");

        // Act
        var allocated = AllocatedBy(() => firewall.Enforce(inside, vault, Caller));
        var refused = Record.Exception(() => firewall.Enforce(outside, vault, Caller));

        // Assert
        Assert.Equal(0, allocated);
        var error = Assert.IsType<Coffer.Core.Errors.CofferException>(refused);
        Assert.Equal((403, "ForbiddenByFirewall"), (error.Status, error.InnerCode));
        Assert.Contains("Client address: 198.51.101.1\r\n", error.Message, StringComparison.Ordinal);
    }
}
