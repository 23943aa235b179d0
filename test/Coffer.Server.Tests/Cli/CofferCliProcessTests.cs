namespace Coffer.Server.Tests.Cli;

/// <summary>The executable's exit codes and messages: 0 for help, 2 for a command line it cannot run.</summary>
public sealed class CofferCliProcessTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Main_NoArguments_PrintsUsageAndExits2()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var coffer = CofferProcess.Start([]);

        // Act
        var exitCode = await coffer.WaitForExitAsync(ExitTimeout, ct);

        // Assert
        Assert.Equal(2, exitCode);
        Assert.Contains("coffer serve", coffer.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Main_Help_PrintsUsageAndExits0(string arg)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var coffer = CofferProcess.Start([arg]);

        // Act
        var exitCode = await coffer.WaitForExitAsync(ExitTimeout, ct);

        // Assert
        Assert.Equal(0, exitCode);
        Assert.Contains("coffer serve", coffer.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(string.Empty, coffer.StandardError);
    }

    [Fact]
    public async Task Main_ServeHelp_PrintsServeOptionsAndExits0()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var coffer = CofferProcess.Start(["serve", "--help"]);

        // Act
        var exitCode = await coffer.WaitForExitAsync(ExitTimeout, ct);

        // Assert
        Assert.Equal(0, exitCode);
        Assert.Contains("--identity-port", coffer.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_UnknownCommand_WritesErrorToStderrAndExits2()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var coffer = CofferProcess.Start(["bogus"]);

        // Act
        var exitCode = await coffer.WaitForExitAsync(ExitTimeout, ct);

        // Assert
        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown command 'bogus'", coffer.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("bogus", coffer.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("serve", "--bogus")]
    [InlineData("serve", "--port=http")]
    [InlineData("serve", "--tls-cert")]
    public async Task Main_ServeWithBadOption_WritesErrorToStderrAndExits2(string command, string option)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var coffer = CofferProcess.Start([command, option]);

        // Act
        var exitCode = await coffer.WaitForExitAsync(ExitTimeout, ct);

        // Assert
        Assert.Equal(2, exitCode);
        Assert.StartsWith("coffer: ", coffer.StandardError, StringComparison.Ordinal);
    }
}
