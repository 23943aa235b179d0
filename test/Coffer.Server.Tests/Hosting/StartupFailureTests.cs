using System.Net;
using System.Net.Sockets;
using Coffer.Testing;

namespace Coffer.Server.Tests.Hosting;

/// <summary>Start-up problems a user can fix end the process with exit code 1 and a plain message, not a stack trace.</summary>
public sealed class StartupFailureTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Serve_SecondServerOnSameDataDirectory_RefusedWithMessage()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var directory = new TempDirectory();
        var ports = FreePorts.Take(4);
        await using var first = CofferProcess.StartDev(directory.Data, ports[0], ports[1]);
        await first.WaitForPortsAsync(Timeout, ct, ports[0], ports[1]);

        // Act
        await using var second = CofferProcess.StartDev(directory.Data, ports[2], ports[3]);
        var exitCode = await second.WaitForExitAsync(Timeout, ct);

        // Assert
        Assert.Equal(1, exitCode);
        Assert.Contains("Another Coffer server is using the data directory", second.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", second.StandardError, StringComparison.Ordinal);
        Assert.False(first.HasExited);
    }

    [Fact]
    public async Task Serve_PortInUse_ExitsWithMessage()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var directory = new TempDirectory();
        var ports = FreePorts.Take(2);
        using var taken = new TcpListener(IPAddress.Loopback, ports[0]);
        taken.Start();

        // Act
        await using var coffer = CofferProcess.StartDev(directory.Data, ports[0], ports[1]);
        var exitCode = await coffer.WaitForExitAsync(Timeout, ct);

        // Assert
        Assert.Equal(1, exitCode);
        Assert.Contains("address already in use", coffer.StandardError, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", coffer.StandardError, StringComparison.Ordinal);
    }
}
