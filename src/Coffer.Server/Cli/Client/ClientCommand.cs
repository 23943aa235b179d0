using System.Text.Json.Nodes;

namespace Coffer.Server.Cli.Client;

/// <summary>Runs one client command: resolve the server and sign-in, call, print the result in the chosen format.</summary>
internal static class ClientCommand
{
    public static async Task<int> RunAsync(CommandOptions options, Func<CofferConnection, CancellationToken, Task<JsonNode?>> action, ClientEnvironment? environment = null)
    {
        environment ??= ClientEnvironment.Process;
        var settings = ClientSettings.Resolve(options, environment);
        using var connection = CofferConnection.Open(settings, environment);
        var result = await action(connection, CancellationToken.None);
        if (result is not null)
        {
            await Console.Out.WriteAsync(OutputWriter.Format(result, settings.Output));
        }

        return 0;
    }

    /// <summary>The verb after a command group (<c>coffer identity create</c>), or the group's usage.</summary>
    public static string Verb(string[] args, string usage) =>
        args.Length == 0 || args[0] is "--help" or "-h" or "help"
            ? throw new HelpRequestedException(usage, args.Length == 0)
            : args[0];
}
