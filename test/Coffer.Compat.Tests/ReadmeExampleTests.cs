using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Coffer.Compat.Tests;

/// <summary>
/// Runs the Python example of README.md, exactly as written there, with Debian's python3-azure against Coffer.
/// Only the test plumbing differs from a user's machine: name resolution of dev.localhost (a sitecustomize hook
/// instead of libnss-myhostname) and the CA path.
/// </summary>
public sealed partial class ReadmeExampleTests(CompatFixture fixture)
{
    private const string Python = "/usr/bin/python3";

    /// <summary>A sitecustomize hook that resolves *.localhost to 127.0.0.1 (test plumbing, not product).</summary>
    internal const string ResolveLocalhost = """
        import socket
        _getaddrinfo = socket.getaddrinfo
        def _resolve(host, *args, **kwargs):
            if isinstance(host, str) and host.endswith(".localhost"):
                host = "127.0.0.1"
            return _getaddrinfo(host, *args, **kwargs)
        socket.getaddrinfo = _resolve
        """;

    [Fact]
    public async Task PythonExample_AgainstDevVault_SetsAndReadsSecret()
    {
        // Arrange
        Assert.True(File.Exists(Python), "Debian's /usr/bin/python3 is required (the README's test command installs python3-azure).");
        var example = PythonBlock().Match(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "README.md"), TestContext.Current.CancellationToken));
        Assert.True(example.Success, "README.md has no ```python example.");
        var directory = Directory.CreateTempSubdirectory("coffer-readme-");
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, "example.py"), example.Groups[1].Value, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, "sitecustomize.py"), ResolveLocalhost, TestContext.Current.CancellationToken);

        var start = new ProcessStartInfo(Python, [Path.Combine(directory.FullName, "example.py")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["VAULT_URL"] = fixture.Server.DevVaultUri.ToString().TrimEnd('/');
        start.Environment["IDENTITY_ENDPOINT"] = fixture.Server.IdentityEndpoint.ToString();
        start.Environment["IDENTITY_HEADER"] = fixture.Server.IdentityHeader;
        start.Environment["REQUESTS_CA_BUNDLE"] = Path.Combine(fixture.Server.DataDirectory, "ca-bundle.crt");
        start.Environment["PYTHONPATH"] = directory.FullName;
        foreach (var name in new[] { "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_TENANT_ID", "MSI_ENDPOINT", "MSI_SECRET" })
        {
            start.Environment.Remove(name);
        }

        // Act
        using var process = Process.Start(start)!; // Start returns null only for shell-executed documents
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        // Assert
        Assert.True(process.ExitCode == 0, $"python exited {process.ExitCode}: {await errors}");
        Assert.Contains("Your secret is 'Hello from Coffer'.", await output, StringComparison.Ordinal);
        var client = fixture.CreateSecretClient();
        var stored = await client.GetSecretAsync("greeting", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("Hello from Coffer", stored.Value.Value);
        directory.Delete(recursive: true);
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Coffer.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Coffer.slnx not found above the test assembly.");
    }

    [GeneratedRegex("```python\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex PythonBlock();
}
