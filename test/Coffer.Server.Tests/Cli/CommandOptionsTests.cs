using Coffer.Server.Cli;
using Coffer.Server.Cli.Client;

namespace Coffer.Server.Tests.Cli;

public sealed class CommandOptionsTests
{
    [Fact]
    public void Parse_AliasesListsFlagsAndGlobals()
    {
        // Act
        var options = CommandOptions.Parse(
            ["-n", "app", "--scopes", "/a", "/b", "--all", "-o", "table", "--server=https://coffer.example.com", "--years", "-1"],
            "coffer test", ["--name|-n", "--years"], lists: ["--scopes"], flags: ["--all"]);

        // Assert
        Assert.Equal("app", options.Value("--name"));
        Assert.Equal(["/a", "/b"], options.Values("--scopes"));
        Assert.True(options.Flag("--all"));
        Assert.Equal("table", options.Value("--output"));
        Assert.Equal("https://coffer.example.com", options.Value("--server"));
        Assert.Equal("-1", options.Value("--years"));
        Assert.Null(options.Value("--missing"));
    }

    [Theory]
    [InlineData("--nope", "x")]
    [InlineData("stray")]
    [InlineData("--name")]
    [InlineData("--name", "a", "-n", "b")]
    [InlineData("--scopes")]
    [InlineData("--scopes", "--name", "a")]
    public void Parse_BadCommandLine_ThrowsUsageException(params string[] args) =>
        Assert.Throws<UsageException>(() => CommandOptions.Parse(args, "coffer test", ["--name|-n"], lists: ["--scopes"]));

    [Fact]
    public void Required_Missing_ThrowsUsageExceptionNamingTheOption()
    {
        // Arrange
        var options = CommandOptions.Parse([], "coffer identity show", ["--name|-n"]);

        // Act
        var error = Assert.Throws<UsageException>(() => options.Required("--name"));

        // Assert
        Assert.Equal("'coffer identity show' needs --name.", error.Message);
    }

    [Theory]
    [InlineData(new[] { "--disabled" }, true)]
    [InlineData(new[] { "--disabled", "true" }, true)]
    [InlineData(new[] { "--disabled", "false" }, false)]
    [InlineData(new[] { "--disabled", "No", "--name", "a" }, false)]
    [InlineData(new[] { "--disabled", "--name", "a" }, true)]
    [InlineData(new[] { "--name", "a" }, null)]
    public void Parse_ThreeStateFlag_TakesAnOptionalTrueOrFalse(string[] args, bool? expected)
    {
        // Act
        var options = CommandOptions.Parse(args, "coffer test", ["--name|-n"], booleans: ["--disabled"]);

        // Assert
        Assert.Equal(expected, options.Boolean("--disabled"));
    }
}
