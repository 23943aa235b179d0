using System.Text.Json.Nodes;
using Coffer.Server.Cli.Client;

namespace Coffer.Server.Cli.KeyVault;

/// <summary>What every <c>coffer keyvault secret|key</c> verb does before it signs in: parse strictly, check the target and the common values.</summary>
internal static class VaultItemCommand
{
    /// <summary>
    /// Parses <paramref name="args"/> for <c>coffer keyvault {group} {verb}</c>, refuses a bad command line (exit 2)
    /// before anything is sent, then runs <paramref name="action"/> signed in.
    /// </summary>
    public static Task<int> Run(
        string group,
        string collection,
        string[] args,
        string verb,
        string[] values,
        Func<CommandOptions, CofferConnection, CancellationToken, Task<JsonNode?>> action,
        string[]? flags,
        string[]? lists,
        string[]? booleans,
        bool needsName,
        Action<CommandOptions>? check = null)
    {
        var options = CommandOptions.Parse(args, $"coffer keyvault {group} {verb}", values, lists, flags, booleans);
        VaultItemTarget.Check(options, collection, needsName);
        _ = SecretInput.Time(options, "--expires");
        _ = SecretInput.Time(options, "--not-before");
        _ = SecretInput.MaxResults(options);
        check?.Invoke(options);
        if (verb is "backup" or "restore" or "download")
        {
            options.Required("--file");
        }

        return ClientCommand.RunAsync(options, (connection, ct) => action(options, connection, ct));
    }
}
