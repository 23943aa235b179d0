using System.Net;
using Coffer.Server.Cli;

namespace Coffer.Server.Tests.Cli;

/// <summary><c>coffer serve --trusted-proxy</c>: addresses and CIDR ranges, IPv4 and IPv6, repeatable.</summary>
public sealed class ServeTrustedProxyTests
{
    [Fact]
    public void Parse_NoTrustedProxy_TrustsNone()
    {
        // Act
        var options = ServeCommand.Parse(new Arguments([]));

        // Assert
        Assert.Empty(options.TrustedProxies);
    }

    [Fact]
    public void Parse_SeveralTrustedProxies_KeepsEachAsARange()
    {
        // Act
        var options = ServeCommand.Parse(new Arguments(
            ["--trusted-proxy", "127.0.0.1", "--trusted-proxy", "10.0.0.0/8", "--trusted-proxy", "::1", "--trusted-proxy=2001:db8::/32", "--trusted-proxy", "[fd00::7]"]));

        // Assert
        Assert.Equal(["127.0.0.1/32", "10.0.0.0/8", "::1/128", "2001:db8::/32", "fd00::7/128"], options.TrustedProxies.Select(p => p.ToString()).ToArray());
        Assert.True(options.TrustedProxies[1].Contains(IPAddress.Parse("10.200.1.1")));
        Assert.False(options.TrustedProxies[1].Contains(IPAddress.Parse("11.0.0.1")));
    }

    [Fact]
    public void Parse_RangeWithHostBits_KeepsTheRange()
    {
        // Act
        var options = ServeCommand.Parse(new Arguments(["--trusted-proxy", "10.1.2.3/8"]));

        // Assert
        var proxy = Assert.Single(options.TrustedProxies);
        Assert.Equal("10.0.0.0/8", proxy.ToString());
    }

    [Theory]
    [InlineData("proxy.example.com")]
    [InlineData("10.0.0.0/33")]
    [InlineData("")]
    public void Parse_BadTrustedProxy_Throws(string value)
    {
        // Act
        var exception = Record.Exception(() => ServeCommand.Parse(new Arguments(["--trusted-proxy", value])));

        // Assert
        var usage = Assert.IsType<UsageException>(exception);
        Assert.Contains("--trusted-proxy", usage.Message, StringComparison.Ordinal);
    }
}
