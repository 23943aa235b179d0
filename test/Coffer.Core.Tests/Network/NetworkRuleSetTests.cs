using System.Net;
using Coffer.Core.Network;

namespace Coffer.Core.Tests.Network;

public sealed class NetworkRuleSetTests
{
    private static IPv4Range Range(string text) => IPv4Range.TryParse(text, out var range) ? range : throw new ArgumentException(text);

    private static NetworkRuleSet Deny(params string[] rules) => new(NetworkDefaultAction.Deny, NetworkBypass.AzureServices, rules.Select(Range).ToArray());

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.0.0.2", false)]
    [InlineData("203.0.113.200", true)]
    [InlineData("203.0.114.1", false)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("::ffff:127.0.0.2", false)]
    [InlineData("::1", false)]
    [InlineData("2001:db8::1", false)]
    public void Allows_DefaultDeny_AllowsOnlyAddressesInARule(string address, bool expected)
    {
        // Arrange
        var rules = Deny("127.0.0.1", "203.0.113.0/24");

        // Act
        var allowed = rules.Allows(IPAddress.Parse(address));

        // Assert
        Assert.Equal(expected, allowed);
    }

    [Fact]
    public void Allows_UnknownAddressWithDefaultDeny_Refuses()
    {
        // Arrange
        var rules = Deny("0.0.0.0/0");

        // Act
        var allowed = rules.Allows(null);

        // Assert
        Assert.False(allowed);
    }

    [Fact]
    public void Allows_DefaultAllow_IgnoresTheRules()
    {
        // Arrange
        var rules = new NetworkRuleSet(NetworkDefaultAction.Allow, NetworkBypass.None, [Range("203.0.113.0/24")]);

        // Act
        var outside = rules.Allows(IPAddress.Parse("198.51.100.1"));
        var v6 = rules.Allows(IPAddress.IPv6Loopback);

        // Assert
        Assert.True(outside);
        Assert.True(v6);
    }

    [Fact]
    public void Allows_ManyCalls_AllocateNothing()
    {
        // Arrange
        var rules = Deny([.. Enumerable.Range(0, 100).Select(i => $"198.51.{i}.0/24"), "127.0.0.1"]);
        var inside = IPAddress.Parse("::ffff:127.0.0.1");
        var outside = IPAddress.Parse("127.0.0.2");
        rules.Allows(inside);

        // Act
        var before = GC.GetAllocatedBytesForCurrentThread();
        var allowed = 0;
        for (var i = 0; i < 1000; i++)
        {
            allowed += (rules.Allows(inside) ? 1 : 0) + (rules.Allows(outside) ? 1 : 0);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert
        Assert.Equal(1000, allowed);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Constructor_MoreThanAzuresLimit_Throws()
    {
        // Arrange
        var rules = Enumerable.Range(0, NetworkRuleSet.MaxIPRules + 1).Select(i => Range($"10.{i / 256}.{i % 256}.0/24")).ToArray();

        // Act
        var error = Record.Exception(() => new NetworkRuleSet(NetworkDefaultAction.Deny, NetworkBypass.None, rules));

        // Assert
        Assert.IsType<ArgumentOutOfRangeException>(error);
    }

    [Fact]
    public void Equals_SameRulesInNewLists_IsValueEquality()
    {
        // Act
        var same = Deny("127.0.0.1", "10.0.0.0/8").Equals(Deny("127.0.0.1/32", "10.1.2.3/8"));
        var other = Deny("127.0.0.1").Equals(Deny("127.0.0.2"));

        // Assert
        Assert.True(same);
        Assert.False(other);
    }
}
