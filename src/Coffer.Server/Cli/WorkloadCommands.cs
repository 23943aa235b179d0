using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Coffer.Server.Cli.Client;
using Coffer.Server.Hosting;

namespace Coffer.Server.Cli;

/// <summary>
/// <c>coffer exec</c> and <c>coffer env</c>: run a program as a managed identity. A fresh workload credential is
/// created for the identity; <c>exec</c> revokes it when the program ends, <c>env</c> prints it and leaves it valid.
/// </summary>
internal static class WorkloadCommands
{
    public const string ExecUsage = """
        coffer exec --identity NAME [--resource-group RG] [--expires-in 8h] -- COMMAND [ARGS...]

          Runs COMMAND with IDENTITY_ENDPOINT and IDENTITY_HEADER set to a new credential of the managed identity
          (DefaultAzureCredential in .NET, Python and JavaScript picks them up), the AZURE_CLIENT_*/MSI_* variables
          removed, and Coffer's CA trusted (SSL_CERT_FILE, REQUESTS_CA_BUNDLE, NODE_EXTRA_CA_CERTS) when it is known.
          The credential is revoked when COMMAND exits (also on Ctrl-C); the exit code is COMMAND's.
        """;

    public const string EnvUsage = """
        coffer env --identity NAME [--resource-group RG] [--expires-in 8h]

          Prints the same variables as 'coffer exec' as shell lines: eval "$(coffer env --identity NAME)".
          The credential is not revoked when the shell ends; it lives until it expires.
        """;

    private static readonly string[] Options = ["--identity", "--resource-group|-g", "--expires-in"];

    public static async Task<int> ExecAsync(string[] args)
    {
        var split = Array.IndexOf(args, "--");
        if (args.Any(a => a is "--help" or "-h") && (split < 0 || Array.FindIndex(args, a => a is "--help" or "-h") < split))
        {
            throw new HelpRequestedException(ExecUsage, incomplete: false);
        }

        if (split < 0 || split == args.Length - 1)
        {
            throw new UsageException("coffer exec needs the command to run after '--': coffer exec --identity NAME -- COMMAND [ARGS...]");
        }

        var options = Parse(args[..split], "coffer exec");
        var environment = ClientEnvironment.Process;
        var settings = ClientSettings.Resolve(options, environment);
        using var connection = CofferConnection.Open(settings, environment);
        var identityId = await IdentityCommand.IdAsync(options, connection, CancellationToken.None, "--identity");
        var credential = await CreateCredentialAsync(connection, identityId, options, CancellationToken.None);
        string? privateDirectory = null;
        try
        {
            CaTrust? trust = null;
            if (settings.CaFile is { } caFile)
            {
                privateDirectory = Path.Combine(Path.GetTempPath(), "coffer-exec-" + Guid.NewGuid().ToString("N"));
                FileSystem.CreatePrivateDirectory(privateDirectory);
                trust = CaTrust.Write(Path.Combine(privateDirectory, "ca-bundle.crt"), caFile);
            }

            var info = new ProcessStartInfo(args[split + 1]) { UseShellExecute = false };
            foreach (var arg in args[(split + 2)..])
            {
                info.ArgumentList.Add(arg);
            }

            WorkloadEnvironment.Apply(info.Environment, credential, trust);
            return await RunChildAsync(info);
        }
        finally
        {
            await RevokeAsync(connection, identityId, credential);
            if (privateDirectory is not null)
            {
                Directory.Delete(privateDirectory, recursive: true);
            }
        }
    }

    public static async Task<int> EnvAsync(string[] args)
    {
        if (args.Any(a => a is "--help" or "-h"))
        {
            throw new HelpRequestedException(EnvUsage, incomplete: false);
        }

        var options = Parse(args, "coffer env");
        var environment = ClientEnvironment.Process;
        var settings = ClientSettings.Resolve(options, environment);
        using var connection = CofferConnection.Open(settings, environment);
        var identityId = await IdentityCommand.IdAsync(options, connection, CancellationToken.None, "--identity");
        var credential = await CreateCredentialAsync(connection, identityId, options, CancellationToken.None);
        CaTrust? trust = null;
        if (settings.CaFile is { } caFile)
        {
            // The shell keeps using the bundle after this command ends, so it lives in the config directory, not in /tmp.
            FileSystem.CreatePrivateDirectory(environment.ConfigDirectory);
            trust = CaTrust.Write(Path.Combine(environment.ConfigDirectory, "ca-bundle.crt"), caFile);
        }

        await Console.Out.WriteAsync(WorkloadEnvironment.ExportLines(options.Required("--identity"), credential, trust));
        return 0;
    }

    private static CommandOptions Parse(string[] args, string command)
    {
        var options = CommandOptions.Parse(args, command, Options);
        options.Required("--identity");
        if (options.Value("--expires-in") is { } text)
        {
            WorkloadEnvironment.ParseDuration(text);
        }

        return options;
    }

    private static async Task<WorkloadCredential> CreateCredentialAsync(CofferConnection connection, string identityId, CommandOptions options, CancellationToken cancellationToken)
    {
        var body = new JsonObject();
        if (options.Value("--expires-in") is { } text)
        {
            body["expiresOn"] = DateTimeOffset.UtcNow.Add(WorkloadEnvironment.ParseDuration(text)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        }

        return WorkloadCredential.FromJson(await connection.SendAsync(HttpMethod.Post, $"{identityId}/credentials?api-version={CofferConnection.ArmApiVersion}", body, cancellationToken));
    }

    private static async Task RevokeAsync(CofferConnection connection, string identityId, WorkloadCredential credential)
    {
        try
        {
            await connection.SendAsync(HttpMethod.Delete, $"{identityId}/credentials/{Uri.EscapeDataString(credential.Id)}?api-version={CofferConnection.ArmApiVersion}", null, CancellationToken.None);
        }
        catch (CommandFailedException e)
        {
            // The program's exit code still wins; the user learns the credential outlived it.
            await Console.Error.WriteLineAsync($"coffer: could not revoke credential {credential.Id}: {e.Message}");
        }
    }

    /// <summary>
    /// Runs the program with our stdin, stdout and stderr. Ctrl-C reaches it from the terminal (same process group), so
    /// coffer only ignores it and waits; a SIGTERM sent to coffer alone is passed on. Either way the credential is
    /// revoked after the program has exited.
    /// </summary>
    private static async Task<int> RunChildAsync(ProcessStartInfo info)
    {
        Process child;
        try
        {
            child = Process.Start(info) ?? throw new CommandFailedException($"Could not start {info.FileName}.");
        }
        catch (Win32Exception e)
        {
            await Console.Error.WriteLineAsync($"coffer: could not run {info.FileName}: {e.Message}");
            return 127; // as shells report a command that cannot be run
        }

        using (child)
        {
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true);
            using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, context => context.Cancel = true);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                PassOnTerminate(child);
            });
            await child.WaitForExitAsync();
            return child.ExitCode;
        }
    }

    /// <summary>SIGTERM to the program through kill(1) (.NET can send only SIGKILL), so it can shut down cleanly.</summary>
    private static void PassOnTerminate(Process child)
    {
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", child.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
        }
        catch (Win32Exception)
        {
            child.Kill();
        }
    }
}
