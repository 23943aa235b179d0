using System.Diagnostics;

namespace Coffer.Compat.Tests;

/// <summary>
/// Runs a real client in its own process with exactly the environment a test gives it: managed-identity credentials
/// read process-wide variables, so each such client gets a process of its own instead of changing this one's.
/// </summary>
internal static class ChildProcess
{
    /// <summary>Variables that select a credential; removed from every child unless the test sets them again.</summary>
    private static readonly string[] CredentialVariables =
    [
        "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_TENANT_ID", "AZURE_USERNAME", "AZURE_TOKEN_CREDENTIALS", "AZURE_AUTHORITY_HOST",
        "AZURE_FEDERATED_TOKEN_FILE", "AZURE_POD_IDENTITY_AUTHORITY_HOST", "IDENTITY_ENDPOINT", "IDENTITY_HEADER", "IDENTITY_SERVER_THUMBPRINT",
        "IMDS_ENDPOINT", "MSI_ENDPOINT", "MSI_SECRET", "DEFAULT_IDENTITY_CLIENT_ID",
    ];

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string? workingDirectory = null, TimeSpan? timeLimit = null)
    {
        var start = new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? string.Empty };
        foreach (var name in CredentialVariables)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!; // Start returns null only for shell-executed documents
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(timeLimit ?? TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await errors);
    }

    /// <summary>The .NET client (test/Coffer.Compat.Client), built with this project in the same configuration.</summary>
    public static string DotNetClient()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(ReadmeExampleTests.RepositoryRoot(), "test", "Coffer.Compat.Client", "bin", output.Parent!.Name, output.Name, "Coffer.Compat.Client.dll"); // bin/{configuration}/{tfm}
        Assert.True(File.Exists(path), $"The .NET client is not built: {path}");
        return path;
    }
}
