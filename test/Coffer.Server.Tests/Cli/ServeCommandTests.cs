using System.Net;
using Coffer.Server.Cli;
using Coffer.Server.Hosting;

namespace Coffer.Server.Tests.Cli;

public sealed class ServeCommandTests
{
    [Fact]
    public void Parse_NoOptions_ReturnsDefaults()
    {
        // Act
        var options = ServeCommand.Parse(new Arguments([]));

        // Assert
        Assert.Equal(8443, options.Port);
        Assert.Equal(8081, options.IdentityPort);
        Assert.Equal("localhost", options.DnsSuffix);
        Assert.False(options.Dev);
        Assert.Empty(options.Listen);
        Assert.Null(options.TlsCertificateFile);
        Assert.Null(options.TlsKeyFile);
        Assert.Null(options.RootKeyFile);
        Assert.Equal(ServeOptions.DefaultDataDirectory(), options.DataDirectory);
        Assert.Equal(TimeSpan.FromHours(1), options.TokenLifetime);
        Assert.Empty(options.ImdsIdentities);
        Assert.Equal(TimeSpan.FromDays(30), options.SigningKeyRotationPeriod);
        Assert.Equal(TimeSpan.FromDays(1), options.SigningKeyPrePublication);
    }

    [Theory]
    [InlineData("30m", 30 * 60)]
    [InlineData("2h", 2 * 3600)]
    [InlineData("5m", 5 * 60)]
    [InlineData("24h", 24 * 3600)]
    [InlineData("300s", 300)]
    public void Parse_TokenLifetime_SetsIt(string value, int seconds)
    {
        // Act
        var options = ServeCommand.Parse(new Arguments(["--token-lifetime", value]));

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(seconds), options.TokenLifetime);
    }

    [Theory]
    [InlineData("4m")]
    [InlineData("25h")]
    [InlineData("1d")]
    [InlineData("h")]
    [InlineData("-5m")]
    [InlineData("1.5h")]
    [InlineData("")]
    public void Parse_BadTokenLifetime_Throws(string value)
    {
        // Act
        var exception = Record.Exception(() => ServeCommand.Parse(new Arguments(["--token-lifetime", value])));

        // Assert
        Assert.IsType<UsageException>(exception);
        Assert.Contains("--token-lifetime", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ImdsIdentityRepeated_AssignsEach()
    {
        // Act
        var options = ServeCommand.Parse(new Arguments(["--imds-identity", "web-app", "--imds-identity=worker_2"]));

        // Assert
        Assert.Equal(["web-app", "worker_2"], options.ImdsIdentities);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("bad name")]
    public void Parse_ImdsIdentityInvalidName_Throws(string name)
    {
        // Act
        var exception = Record.Exception(() => ServeCommand.Parse(new Arguments(["--imds-identity", name])));

        // Assert
        Assert.IsType<UsageException>(exception);
    }

    [Fact]
    public void Parse_EveryOptionInBothForms_SetsThem()
    {
        // Act
        var options = ServeCommand.Parse(new Arguments(
        [
            "--port=9000", "--identity-port", "9001", "--data=/tmp/coffer-data", "--dns-suffix", ".Vault.Example.COM.",
            "--listen", "127.0.0.1", "--listen=[::1]", "--dev", "--tls-cert", "c.pem", "--tls-key=k.pem", "--root-key-file", "/keys/root.key",
        ]));

        // Assert
        Assert.Equal(9000, options.Port);
        Assert.Equal(9001, options.IdentityPort);
        Assert.Equal("/tmp/coffer-data", options.DataDirectory);
        Assert.Equal("vault.example.com", options.DnsSuffix);
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], options.Listen);
        Assert.True(options.Dev);
        Assert.Equal("c.pem", options.TlsCertificateFile);
        Assert.Equal("k.pem", options.TlsKeyFile);
        Assert.Equal("/keys/root.key", options.RootKeyFile);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--Port=9000")]
    [InlineData("-p")]
    [InlineData("stray")]
    [InlineData("--database=sqlite")]
    public void Parse_UnknownOption_ThrowsUsageException(string arg)
    {
        // Act
        var exception = Record.Exception(() => ServeCommand.Parse(new Arguments([arg])));

        // Assert
        var usage = Assert.IsType<UsageException>(exception);
        Assert.Contains("Unknown option", usage.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--tls-cert", "c.pem")]
    [InlineData("--tls-key", "k.pem")]
    public void Parse_TlsCertificateWithoutKeyOrKeyWithoutCertificate_ThrowsUsageException(string option, string value)
    {
        // Act
        var exception = Record.Exception(() => ServeCommand.Parse(new Arguments([option, value])));

        // Assert
        var usage = Assert.IsType<UsageException>(exception);
        Assert.Contains("--tls-cert and --tls-key", usage.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port", "https")]
    [InlineData("--port", "70000")]
    [InlineData("--identity-port", "-5")]
    [InlineData("--identity-port", "")]
    public void Parse_BadPortText_ThrowsUsageException(string option, string value)
    {
        // Act
        var exception = Record.Exception(() => ServeCommand.Parse(new Arguments([option, value])));

        // Assert
        var usage = Assert.IsType<UsageException>(exception);
        Assert.Contains(option, usage.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port")]
    [InlineData("--data")]
    [InlineData("--listen")]
    public void Parse_OptionWithoutValue_ThrowsUsageException(string option)
    {
        // Act
        var exception = Record.Exception(() => ServeCommand.Parse(new Arguments([option])));

        // Assert
        Assert.IsType<UsageException>(exception);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1:8443")]
    [InlineData("300.1.1.1")]
    public void Parse_ListenNotAnIpAddress_ThrowsUsageException(string address)
    {
        // Act
        var exception = Record.Exception(() => ServeCommand.Parse(new Arguments(["--listen", address])));

        // Assert
        var usage = Assert.IsType<UsageException>(exception);
        Assert.Contains("--listen", usage.Message, StringComparison.Ordinal);
    }
}
