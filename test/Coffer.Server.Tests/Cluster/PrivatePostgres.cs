using System.Diagnostics;
using System.Globalization;
using Coffer.Testing;

namespace Coffer.Server.Tests.Cluster;

/// <summary>
/// A PostgreSQL server of the test's own (<c>initdb</c>, <c>pg_ctl</c> from the installed binaries), on its own port and
/// data directory, so a test can stop and start it without disturbing any other test. The server refuses to run as
/// root, so under root it runs as the <c>postgres</c> user. Skipped, with the reason, when the binaries are missing
/// (unless <c>COFFER_REQUIRE_POSTGRES=1</c>).
/// </summary>
internal sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _directory;

    private PrivatePostgres(string bin, string directory, int port, string password)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
        Password = password;
    }

    public int Port { get; }

    /// <summary>The password of the <c>coffer</c> superuser: the test checks it never reaches a log.</summary>
    public string Password { get; }

    public string ConnectionString => string.Create(CultureInfo.InvariantCulture,
        $"Host=127.0.0.1;Port={Port};Username=coffer;Password={Password};Database=postgres;Timeout=5");

    private string DataDirectory => Path.Combine(_directory, "data");

    public static async Task<PrivatePostgres> StartAsync(CancellationToken cancellationToken)
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order().LastOrDefault()
            : null;
        if (bin is null)
        {
            const string reason = "The PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb) are not installed.";
            Assert.False(Environment.GetEnvironmentVariable("COFFER_REQUIRE_POSTGRES") == "1", "COFFER_REQUIRE_POSTGRES=1 but " + reason);
            Assert.Skip(reason);
        }

        // Made by the server's own user, so it owns its data; /tmp lets every user create a directory.
        var directory = Path.Combine(Path.GetTempPath(), "coffer-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var server = new PrivatePostgres(bin, directory, FreePorts.Take(1)[0], Guid.NewGuid().ToString("N"));
        await RunAsync("mkdir", ["-p", directory], cancellationToken);
        var passwordFile = Path.Combine(directory, "password");
        await RunAsync("sh", ["-c", $"umask 077; echo '{server.Password}' > '{passwordFile}'"], cancellationToken);
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", server.DataDirectory, "-U", "coffer", "--auth=scram-sha-256", "--pwfile", passwordFile, "--no-sync"], cancellationToken);
        await server.StartServerAsync(cancellationToken);
        return server;
    }

    public Task StopServerAsync(CancellationToken cancellationToken) =>
        RunAsync(Path.Combine(_bin, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w"], cancellationToken);

    public Task StartServerAsync(CancellationToken cancellationToken) =>
        RunAsync(Path.Combine(_bin, "pg_ctl"),
        [
            "start", "-D", DataDirectory, "-w", "-l", Path.Combine(_directory, "server.log"),
            "-o", string.Create(CultureInfo.InvariantCulture, $"-p {Port} -c listen_addresses=127.0.0.1 -k {_directory} -c fsync=off"),
        ], cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "immediate", "-w"], CancellationToken.None);
        }
        catch (Xunit.Sdk.XunitException)
        {
            // Already stopped.
        }

        await RunAsync("rm", ["-rf", _directory], CancellationToken.None);
    }

    /// <summary>Runs a command as the server's user (postgres, when the tests run as root); fails with its output if it fails.</summary>
    private static async Task RunAsync(string program, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var asRoot = Environment.UserName == "root";
        var info = new ProcessStartInfo(asRoot ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asRoot)
        {
            foreach (var arg in new[] { "-u", "postgres", "--", program })
            {
                info.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(bounded.Token);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} failed with {process.ExitCode}:\n{await output}\n{await error}");
    }
}
