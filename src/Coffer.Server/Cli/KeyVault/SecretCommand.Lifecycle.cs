using System.Text.Json.Nodes;
using Coffer.Server.Cli.Client;

namespace Coffer.Server.Cli.KeyVault;

/// <summary>Soft delete, recovery, purge, backup and restore: what az prints for each (purge and backup print nothing).</summary>
internal static partial class SecretCommand
{
    private static async Task<JsonNode?> DeletionAsync(string verb, CommandOptions options, CofferConnection connection, CancellationToken cancellationToken)
    {
        var target = VaultItemTarget.Resolve(options, connection, "secrets", needsName: true);
        var client = connection.Secrets(target.Vault);
        var name = target.Name!; // Resolve demands the name
        switch (verb)
        {
            case "delete":
                // The deleted secret comes back at once; az does not wait for the deletion to finish either.
                var deleting = await ServiceFailure.CallAsync(() => client.StartDeleteSecretAsync(name, cancellationToken));
                return SecretShapes.Deleted(deleting.Value);
            case "recover":
                var recovering = await ServiceFailure.CallAsync(() => client.StartRecoverDeletedSecretAsync(name, cancellationToken));
                return SecretShapes.WithoutValue(recovering.Value);
            case "purge":
                await ServiceFailure.CallAsync(() => client.PurgeDeletedSecretAsync(name, cancellationToken));
                return null;
            default:
                var deleted = await ServiceFailure.CallAsync(() => client.GetDeletedSecretAsync(name, cancellationToken));
                return SecretShapes.Deleted(deleted.Value);
        }
    }

    /// <summary>Writes the protected backup blob (Key Vault's opaque, encrypted format) to <c>--file</c>, as az does.</summary>
    private static async Task<JsonNode?> BackupAsync(CommandOptions options, CofferConnection connection, CancellationToken cancellationToken)
    {
        var target = VaultItemTarget.Resolve(options, connection, "secrets", needsName: true);
        var path = options.Required("--file");
        var backup = await ServiceFailure.CallAsync(() => connection.Secrets(target.Vault).BackupSecretAsync(target.Name, cancellationToken));
        await File.WriteAllBytesAsync(path, backup.Value, cancellationToken);
        return null;
    }

    private static async Task<JsonNode?> RestoreAsync(CommandOptions options, CofferConnection connection, CancellationToken cancellationToken)
    {
        var target = VaultItemTarget.Resolve(options, connection, "secrets", needsName: false);
        var backup = await File.ReadAllBytesAsync(options.Required("--file"), cancellationToken);
        var restored = await ServiceFailure.CallAsync(() => connection.Secrets(target.Vault).RestoreSecretBackupAsync(backup, cancellationToken));
        return SecretShapes.WithoutValue(restored.Value);
    }
}
