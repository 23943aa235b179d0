using System.Net;
using Coffer.Core.Network;

namespace Coffer.Core.Tests.Network;

public sealed class IPv4RangeTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7/32")]
    [InlineData("203.0.113.0/24", "203.0.113.0/24")]
    [InlineData("203.0.113.77/24", "203.0.113.0/24")]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData("192.168.1.1/16", "192.168.0.0/16")]
    [InlineData("127.0.0.1/32", "127.0.0.1/32")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("255.255.255.255", "255.255.255.255/32")]
    public void TryParse_AddressOrCidr_ReadsItsOneSpelling(string text, string expected)
    {
        // Act
        var parsed = IPv4Range.TryParse(text, out var range);

        // Assert
        Assert.True(parsed);
        Assert.Equal(expected, range.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("203.0.113")]
    [InlineData("203.0.113.7.1")]
    [InlineData("256.0.0.1")]
    [InlineData("203.0.113.7/33")]
    [InlineData("203.0.113.7/")]
    [InlineData("203.0.113.7/-1")]
    [InlineData("203.0.113.7/08")]
    [InlineData("010.0.0.1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("1")]
    [InlineData("2001:db8::1")]
    [InlineData("2001:db8::/32")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData(" 203.0.113.7")]
    [InlineData("203.0.113.7 /24")]
    [InlineData("a.b.c.d")]
    public void TryParse_NotAnIPv4AddressOrCidr_ReturnsFalse(string? text)
    {
        // Act
        var parsed = IPv4Range.TryParse(text, out _);

        // Assert
        Assert.False(parsed);
    }

    [Theory]
    [InlineData("203.0.113.0/24", "203.0.113.0", true)]
    [InlineData("203.0.113.0/24", "203.0.113.255", true)]
    [InlineData("203.0.113.0/24", "203.0.112.255", false)]
    [InlineData("203.0.113.0/24", "203.0.114.0", false)]
    [InlineData("127.0.0.0/31", "127.0.0.1", true)]
    [InlineData("127.0.0.0/31", "127.0.0.2", false)]
    [InlineData("127.0.0.2/31", "127.0.0.3", true)]
    [InlineData("127.0.0.2/31", "127.0.0.1", false)]
    [InlineData("127.0.0.1/32", "127.0.0.1", true)]
    [InlineData("127.0.0.1/32", "127.0.0.2", false)]
    [InlineData("0.0.0.0/0", "198.51.100.1", true)]
    [InlineData("128.0.0.0/1", "127.255.255.255", false)]
    [InlineData("128.0.0.0/1", "128.0.0.0", true)]
    public void Contains_AddressAtTheBoundary_MatchesOnlyInside(string cidr, string address, bool expected)
    {
        // Arrange
        Assert.True(IPv4Range.TryParse(cidr, out var range));
        Assert.True(IPv4Range.TryGetIPv4(IPAddress.Parse(address), out var value));

        // Act
        var contained = range.Contains(value);

        // Assert
        Assert.Equal(expected, contained);
    }

    [Fact]
    public void TryGetIPv4_MappedIPv6_IsItsIPv4AddressAndPlainIPv6IsNot()
    {
        // Act
        var mapped = IPv4Range.TryGetIPv4(IPAddress.Parse("::ffff:203.0.113.7"), out var mappedValue);
        var plain = IPv4Range.TryGetIPv4(IPAddress.Parse("203.0.113.7"), out var plainValue);
        var v6 = IPv4Range.TryGetIPv4(IPAddress.IPv6Loopback, out _);

        // Assert
        Assert.True(mapped);
        Assert.True(plain);
        Assert.Equal(plainValue, mappedValue);
        Assert.Equal(0xCB007107u, plainValue);
        Assert.False(v6);
    }
}
