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
        await PrintAsync(await action(connection, CancellationToken.None), settings);
        return 0;
    }

    /// <summary>
    /// Prints a result through <c>--query</c> and <c>--output</c>. A command without a result, or a query that selects
    /// nothing, prints nothing, as az does.
    /// </summary>
    public static async Task PrintAsync(JsonNode? result, ClientSettings settings)
    {
        if (result is not null && (settings.Query is null ? result : settings.Query.Apply(result)) is { } shown)
        {
            await Console.Out.WriteAsync(OutputWriter.Format(shown, settings.Output));
        }
    }

    /// <summary>The verb after a command group (<c>coffer identity create</c>), or the group's usage.</summary>
    public static string Verb(string[] args, string usage) =>
        args.Length == 0 || args[0] is "--help" or "-h" or "help"
            ? throw new HelpRequestedException(usage, args.Length == 0)
            : args[0];
}
