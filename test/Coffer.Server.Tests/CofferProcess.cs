using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Coffer.Server.Tests;

/// <summary>
/// The real <c>coffer</c> executable in a child process (<c>dotnet coffer.dll ...</c>), its output captured.
/// Every wait is bounded; disposing kills the process if it still runs.
/// </summary>
internal sealed class CofferProcess : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private CofferProcess(Process process) => _process = process;

    public string StandardOutput
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    /// <summary>Starts <c>coffer</c>; <paramref name="environment"/> sets (or, with a null value, removes) variables of the child.</summary>
    public static CofferProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var coffer = Path.Combine(AppContext.BaseDirectory, "coffer.dll");
        Assert.True(File.Exists(coffer), $"{coffer} is missing: the test project must reference src/Coffer.Server.");
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(coffer);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // A root key in the test runner's own environment must not leak into the child unless a test asks for it.
        info.Environment.Remove("COFFER_ROOT_KEY");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = info };
        var result = new CofferProcess(process);
        process.OutputDataReceived += (_, e) => Append(result._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(result._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary><c>coffer serve --dev</c> on loopback with the given data directory and ports.</summary>
    public static CofferProcess StartDev(string dataDirectory, int port, int identityPort, IReadOnlyDictionary<string, string?>? environment = null) =>
        Start(
        [
            "serve", "--dev", "--data", dataDirectory, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--identity-port", identityPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--listen", "127.0.0.1",
        ],
        environment);

    /// <summary>Waits until standard output contains <paramref name="text"/>; fails with the output so far if it does not in time.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!StandardOutput.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(cancellationToken);
                if (StandardOutput.Contains(text, StringComparison.Ordinal))
                {
                    return;
                }

                Assert.Fail($"coffer exited with {_process.ExitCode} before printing '{text}'.\n{Describe()}");
            }

            if (deadline.Elapsed > timeout)
            {
                Assert.Fail($"coffer did not print '{text}' within {timeout}.\n{Describe()}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Waits until every port accepts TCP connections on 127.0.0.1.</summary>
    public async Task WaitForPortsAsync(TimeSpan timeout, CancellationToken cancellationToken, params int[] ports)
    {
        var deadline = Stopwatch.StartNew();
        foreach (var port in ports)
        {
            while (true)
            {
                Assert.False(_process.HasExited, $"coffer exited before listening on {port}.\n{Describe()}");
                using var client = new TcpClient();
                try
                {
                    using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    attempt.CancelAfter(TimeSpan.FromSeconds(2));
                    await client.ConnectAsync(IPAddress.Loopback, port, attempt.Token);
                    break;
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    Assert.True(deadline.Elapsed < timeout, $"coffer did not listen on {port} within {timeout}.\n{Describe()}");
                    await Task.Delay(100, cancellationToken);
                }
            }
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(bounded.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"coffer did not exit within {timeout}.\n{Describe()}");
        }

        return _process.ExitCode;
    }

    /// <summary>Kills the process at once (SIGKILL on Unix: no shutdown code runs) and waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(bounded.Token);
    }

    public string Describe() => $"--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Never started or already reaped: nothing left to stop.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.Append(line).Append('\n');
        }
    }

    /// <summary>The dotnet host running these tests (the CLI sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        return !string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, "dotnet")) ? Path.Combine(root, "dotnet") : "dotnet";
    }
}
