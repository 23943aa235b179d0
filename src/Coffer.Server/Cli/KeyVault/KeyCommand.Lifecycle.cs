using System.Buffers.Text;
using System.Text.Json.Nodes;
using Coffer.Server.Cli.Client;

namespace Coffer.Server.Cli.KeyVault;

/// <summary>Soft delete, recovery, purge, backup and restore: what az prints for each (purge and backup print nothing).</summary>
internal static partial class KeyCommand
{
    private static async Task<JsonNode?> DeletionAsync(string verb, CommandOptions options, CofferConnection connection, CancellationToken cancellationToken)
    {
        var target = VaultItemTarget.Resolve(options, connection, "keys", needsName: true);
        var deleted = "deleted" + KeyPath(target.Name!, null);
        switch (verb)
        {
            case "delete":
                // The deleted key comes back at once; az does not wait for the deletion to finish either.
                return KeyShapes.Deleted(await connection.SendAsync(HttpMethod.Delete, Url(target.Vault, KeyPath(target.Name!, null)), null, cancellationToken));
            case "recover":
                return KeyShapes.Bundle(await connection.SendAsync(HttpMethod.Post, Url(target.Vault, deleted + "/recover"), null, cancellationToken));
            case "purge":
                await connection.SendAsync(HttpMethod.Delete, Url(target.Vault, deleted), null, cancellationToken);
                return null;
            default:
                return KeyShapes.Deleted(await connection.SendAsync(HttpMethod.Get, Url(target.Vault, deleted), null, cancellationToken));
        }
    }

    /// <summary>Writes the protected backup blob (Key Vault's opaque, encrypted format) to <c>--file</c>, as az does.</summary>
    private static async Task<JsonNode?> BackupAsync(CommandOptions options, CofferConnection connection, CancellationToken cancellationToken)
    {
        var target = VaultItemTarget.Resolve(options, connection, "keys", needsName: true);
        var path = options.Required("--file");
        var backup = await connection.SendAsync(HttpMethod.Post, Url(target.Vault, KeyPath(target.Name!, null) + "/backup"), null, cancellationToken);
        var blob = backup?["value"]?.GetValue<string>() ?? throw new CommandFailedException("The vault returned no backup.");
        await File.WriteAllBytesAsync(path, Base64Url.DecodeFromChars(blob), cancellationToken);
        return null;
    }

    private static async Task<JsonNode?> RestoreAsync(CommandOptions options, CofferConnection connection, CancellationToken cancellationToken)
    {
        var target = VaultItemTarget.Resolve(options, connection, "keys", needsName: false);
        var backup = await File.ReadAllBytesAsync(options.Required("--file"), cancellationToken);
        var body = new JsonObject { ["value"] = Base64Url.EncodeToString(backup) };
        return KeyShapes.Bundle(await connection.SendAsync(HttpMethod.Post, Url(target.Vault, "keys/restore"), body, cancellationToken));
    }
}
