using System.Security.Cryptography;
using Coffer.Testing;

namespace Coffer.Server.Tests.Hosting;

/// <summary><c>coffer serve --dev</c> as a user runs it: a child process, its output and the files it leaves.</summary>
public sealed class ServeDevProcessTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const string WarningText = "The root key is stored unprotected next to the data it protects";

    [Fact]
    public async Task ServeDev_FreshDataDirectory_PrintsEnvironmentWarnsAndCreatesPrivateFiles()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        var (port, identityPort) = TwoPorts();
        await using var coffer = CofferProcess.StartDev(temp.Data, port, identityPort);

        // Act
        await coffer.WaitForOutputAsync("export NODE_EXTRA_CA_CERTS=", CofferProcess.StartTimeout, ct);
        await coffer.WaitForPortsAsync(CofferProcess.StartTimeout, ct, port, identityPort);

        // Assert
        var exports = DevEnvFile.Parse(coffer.StandardOutput);
        Assert.All(DevEnvFile.Variables, name => Assert.True(exports.ContainsKey(name), $"{name} is not printed.\n{coffer.Describe()}"));
        Assert.Equal($"https://dev.localhost:{port}", exports["VAULT_URL"]);
        Assert.Equal($"http://127.0.0.1:{identityPort}/msi/token", exports["IDENTITY_ENDPOINT"]);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", exports["IDENTITY_HEADER"]);
        Assert.Equal(Path.Combine(temp.Data, "ca-bundle.crt"), exports["SSL_CERT_FILE"]);
        Assert.Equal(Path.Combine(temp.Data, "ca-bundle.crt"), exports["REQUESTS_CA_BUNDLE"]);
        Assert.Equal(Path.Combine(temp.Data, "ca.crt"), exports["NODE_EXTRA_CA_CERTS"]);

        var output = coffer.StandardOutput + coffer.StandardError;
        Assert.Contains("[4002]", output, StringComparison.Ordinal);
        Assert.Contains(WarningText, output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(temp.Data, "root.key"), output, StringComparison.Ordinal);

        foreach (var file in new[] { "root.key", "dev.env", "ca.crt", "coffer.db" })
        {
            Assert.True(File.Exists(Path.Combine(temp.Data, file)), $"{file} is missing from the data directory.");
        }

        Assert.Contains(await File.ReadAllTextAsync(Path.Combine(temp.Data, "dev.env"), ct), coffer.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String((await File.ReadAllTextAsync(Path.Combine(temp.Data, "root.key"), ct)).Trim()).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Path.Combine(temp.Data, "root.key")));
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Path.Combine(temp.Data, "dev.env")));
            Assert.Equal(OwnerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(temp.Data));
        }
    }

    [Fact]
    public async Task ServeDev_RootKeyInEnvironment_PrintsEnvironmentWithoutWarning()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        var (port, identityPort) = TwoPorts();
        var environment = new Dictionary<string, string?> { ["COFFER_ROOT_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        await using var coffer = CofferProcess.StartDev(temp.Data, port, identityPort, environment);

        // Act
        await coffer.WaitForOutputAsync("export NODE_EXTRA_CA_CERTS=", CofferProcess.StartTimeout, ct);
        await coffer.WaitForPortsAsync(CofferProcess.StartTimeout, ct, port, identityPort);

        // Assert
        var exports = DevEnvFile.Parse(coffer.StandardOutput);
        Assert.All(DevEnvFile.Variables, name => Assert.True(exports.ContainsKey(name), $"{name} is not printed.\n{coffer.Describe()}"));
        Assert.Equal($"https://dev.localhost:{port}", exports["VAULT_URL"]);
        var output = coffer.StandardOutput + coffer.StandardError;
        Assert.DoesNotContain("[4002]", output, StringComparison.Ordinal);
        Assert.DoesNotContain(WarningText, output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(temp.Data, "root.key")), "A root key file was written although COFFER_ROOT_KEY is set.");
        Assert.True(File.Exists(Path.Combine(temp.Data, "coffer.db")));
    }

    /// <summary>
    /// The printed lines are what a user pastes: after a restart on other ports they must name the ports the server
    /// listens on now, not the ones of the first start (dev.env keeps the credential, which cannot be recovered).
    /// </summary>
    [Fact]
    public async Task ServeDev_RestartOnOtherPorts_PrintsCurrentPorts()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        var ports = FreePorts.Take(4);
        string firstHeader;
        await using (var first = CofferProcess.StartDev(temp.Data, ports[0], ports[1]))
        {
            await first.WaitForOutputAsync("export NODE_EXTRA_CA_CERTS=", CofferProcess.StartTimeout, ct);
            firstHeader = DevEnvFile.Parse(first.StandardOutput)["IDENTITY_HEADER"];
        }

        await using var second = CofferProcess.StartDev(temp.Data, ports[2], ports[3]);

        // Act
        await second.WaitForOutputAsync("export NODE_EXTRA_CA_CERTS=", CofferProcess.StartTimeout, ct);

        // Assert
        var exports = DevEnvFile.Parse(second.StandardOutput);
        Assert.Equal(firstHeader, exports["IDENTITY_HEADER"]);
        Assert.Equal($"https://dev.localhost:{ports[2]}", exports["VAULT_URL"]);
        Assert.Equal($"http://127.0.0.1:{ports[3]}/msi/token", exports["IDENTITY_ENDPOINT"]);
    }

    /// <summary>
    /// Every audit record and every write lands in the data directory, so a file watcher on it (the default host's
    /// configuration reload) would wake for each one: the running server holds no inotify instance at all.
    /// </summary>
    [Fact]
    public async Task ServeDev_Running_WatchesNoFiles()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "File watches are read from /proc, which only Linux has.");

        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        var (port, identityPort) = TwoPorts();
        await using var coffer = CofferProcess.StartDev(temp.Data, port, identityPort);
        await coffer.WaitForOutputAsync("export NODE_EXTRA_CA_CERTS=", CofferProcess.StartTimeout, ct);
        await coffer.WaitForPortsAsync(CofferProcess.StartTimeout, ct, port, identityPort);

        // Act
        var descriptors = Directory.GetFiles($"/proc/{coffer.ProcessId}/fd").Select(LinkTarget).ToList();

        // Assert
        Assert.NotEmpty(descriptors);
        Assert.DoesNotContain(descriptors, target => target.Contains("inotify", StringComparison.Ordinal));
    }

    private static string LinkTarget(string descriptor)
    {
        try
        {
            return File.ResolveLinkTarget(descriptor, returnFinalTarget: false)?.ToString() ?? "";
        }
        catch (IOException)
        {
            return ""; // closed since the listing
        }
    }

    private static (int Port, int IdentityPort) TwoPorts()
    {
        var ports = FreePorts.Take(2);
        return (ports[0], ports[1]);
    }
}
