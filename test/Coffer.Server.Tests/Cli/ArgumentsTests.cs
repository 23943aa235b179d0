using Coffer.Server.Cli;

namespace Coffer.Server.Tests.Cli;

public sealed class ArgumentsTests
{
    [Fact]
    public void TryNext_NameEqualsValue_SplitsIntoOptionAndValue()
    {
        // Arrange
        var args = new Arguments(["--port=9000", "--dev"]);

        // Act
        var first = args.TryNext(out var option);
        var value = args.Value(option);
        var second = args.TryNext(out var flag);
        var third = args.TryNext(out _);

        // Assert
        Assert.True(first);
        Assert.Equal("--port", option);
        Assert.Equal("9000", value);
        Assert.True(second);
        Assert.Equal("--dev", flag);
        Assert.False(third);
    }

    [Fact]
    public void Value_EqualsInValue_KeepsEverythingAfterFirstEquals()
    {
        // Arrange
        var args = new Arguments(["--connection=Host=db;Password=a=b"]);
        args.TryNext(out var option);

        // Act
        var value = args.Value(option);

        // Assert
        Assert.Equal("--connection", option);
        Assert.Equal("Host=db;Password=a=b", value);
    }

    [Fact]
    public void Value_DashesAndEqualsButNoOptionName_StaysWhole()
    {
        // Arrange: a PEM starts with dashes and its base64 ends in '='.
        const string pem = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIA==\n-----END EC PRIVATE KEY-----";
        var args = new Arguments(["--pem-string", pem]);
        args.TryNext(out var option);

        // Act
        var value = args.Value(option);
        var more = args.TryNext(out _);

        // Assert
        Assert.Equal(pem, value);
        Assert.False(more);
    }

    [Fact]
    public void Value_NothingLeft_ThrowsUsageException()
    {
        // Arrange
        var args = new Arguments(["--data"]);
        args.TryNext(out var option);

        // Act
        var exception = Record.Exception(() => args.Value(option));

        // Assert
        var usage = Assert.IsType<UsageException>(exception);
        Assert.Contains("--data", usage.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData("8443", 8443)]
    [InlineData("65535", 65535)]
    public void Port_Number_ReturnsIt(string text, int expected)
    {
        // Arrange
        var args = new Arguments([text]);

        // Act
        var port = args.Port("--port");

        // Assert
        Assert.Equal(expected, port);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("+80")]
    [InlineData(" 80")]
    [InlineData("65536")]
    [InlineData("99999999999")]
    [InlineData("80.0")]
    [InlineData("0x50")]
    public void Port_NotAPort_ThrowsUsageException(string text)
    {
        // Arrange
        var args = new Arguments([text]);

        // Act
        var exception = Record.Exception(() => args.Port("--port"));

        // Assert
        var usage = Assert.IsType<UsageException>(exception);
        Assert.Contains("--port", usage.Message, StringComparison.Ordinal);
    }
}
