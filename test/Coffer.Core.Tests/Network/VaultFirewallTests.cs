using System.Net;
using Coffer.Core.Network;
using Coffer.Core.Vaults;

namespace Coffer.Core.Tests.Network;

public sealed class VaultFirewallTests
{
    private static readonly Vault Open = new(Guid.NewGuid(), "fw", DateTimeOffset.UnixEpoch, 90, false);

    private static readonly NetworkRuleSet OnlyLoopback =
        new(NetworkDefaultAction.Deny, NetworkBypass.AzureServices, [IPv4Range.TryParse("127.0.0.1", out var r) ? r : default]);

    [Fact]
    public void Check_DefaultVault_IsOpenAndAllowsAnyone()
    {
        // Act
        var open = VaultFirewall.IsOpen(Open);
        var verdict = VaultFirewall.Check(Open, null);

        // Assert
        Assert.True(open);
        Assert.Equal(FirewallVerdict.Allowed, verdict);
    }

    [Fact]
    public void Check_PublicAccessDisabled_RefusesEvenAnAddressInTheRules()
    {
        // Arrange
        var vault = Open with { NetworkAcls = OnlyLoopback, PublicNetworkAccess = PublicNetworkAccess.Disabled };

        // Act
        var open = VaultFirewall.IsOpen(vault);
        var verdict = VaultFirewall.Check(vault, IPAddress.Loopback);

        // Assert
        Assert.False(open);
        Assert.Equal(FirewallVerdict.ForbiddenByConnection, verdict);
    }

    [Fact]
    public void Check_RulesOn_AllowsInsideAndRefusesOutside()
    {
        // Arrange
        var vault = Open with { NetworkAcls = OnlyLoopback };

        // Act
        var inside = VaultFirewall.Check(vault, IPAddress.Loopback);
        var outside = VaultFirewall.Check(vault, IPAddress.Parse("127.0.0.2"));

        // Assert
        Assert.False(VaultFirewall.IsOpen(vault));
        Assert.Equal(FirewallVerdict.Allowed, inside);
        Assert.Equal(FirewallVerdict.ForbiddenByFirewall, outside);
    }

    [Fact]
    public void Equals_VaultsDifferingOnlyInNetworkSettings_AreNotEqual()
    {
        // Act
        var rules = Open.Equals(Open with { NetworkAcls = OnlyLoopback });
        var access = Open.Equals(Open with { PublicNetworkAccess = PublicNetworkAccess.Disabled });
        var same = (Open with { NetworkAcls = OnlyLoopback }).Equals(Open with { NetworkAcls = new(NetworkDefaultAction.Deny, NetworkBypass.AzureServices, [.. OnlyLoopback.IPRules]) });

        // Assert
        Assert.False(rules);
        Assert.False(access);
        Assert.True(same);
    }
}
