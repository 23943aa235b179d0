using System.Text.Json.Nodes;
using Coffer.Server.Cli.Client;

namespace Coffer.Server.Cli.KeyVault;

/// <summary>Vaults and deleted vaults on the management API, found as az finds them when the group or location is not given.</summary>
internal static class VaultLookup
{
    public const string ApiVersion = "api-version=2023-07-01";

    public static async Task<string> VaultIdAsync(CofferConnection connection, string name, string resourceGroup, CancellationToken cancellationToken) =>
        $"/subscriptions/{await connection.SubscriptionIdAsync(cancellationToken)}/resourceGroups/{Uri.EscapeDataString(resourceGroup)}/providers/Microsoft.KeyVault/vaults/{Uri.EscapeDataString(name)}";

    /// <summary>The vault's resource id: in <c>--resource-group</c>, else in whichever group of the subscription holds it.</summary>
    public static async Task<string> FindVaultIdAsync(CofferConnection connection, CommandOptions options, string name, CancellationToken cancellationToken)
    {
        if (options.Value("--resource-group") is { } group)
        {
            return await VaultIdAsync(connection, name, group, cancellationToken);
        }

        var subscription = await connection.SubscriptionIdAsync(cancellationToken);
        var vaults = await connection.ListAsync($"/subscriptions/{subscription}/providers/Microsoft.KeyVault/vaults?{ApiVersion}", cancellationToken);
        var found = vaults.FirstOrDefault(v => string.Equals(v?["name"]?.GetValue<string>(), name, StringComparison.OrdinalIgnoreCase));
        return found?["id"]?.GetValue<string>() ?? throw new CommandFailedException($"The Vault '{name}' not found within subscription.") { Code = "ResourceNotFound" };
    }

    /// <summary>The deleted vault's location: <c>--location</c>, else the one the subscription's deleted vaults list for it.</summary>
    public static async Task<JsonObject> FindDeletedAsync(CofferConnection connection, string name, string? location, CancellationToken cancellationToken)
    {
        var subscription = await connection.SubscriptionIdAsync(cancellationToken);
        if (location is not null)
        {
            return await connection.SendAsync(HttpMethod.Get, DeletedVaultPath(subscription, location, name) + "?" + ApiVersion, null, cancellationToken) as JsonObject
                ?? throw new CommandFailedException("The server returned no deleted vault.");
        }

        var deleted = await connection.ListAsync($"/subscriptions/{subscription}/providers/Microsoft.KeyVault/deletedVaults?{ApiVersion}", cancellationToken);
        return deleted.FirstOrDefault(v => string.Equals(v?["name"]?.GetValue<string>(), name, StringComparison.OrdinalIgnoreCase)) as JsonObject
            ?? throw new CommandFailedException($"Vault {name} not found in deleted state.") { Code = "ResourceNotFound" };
    }

    public static string DeletedVaultPath(string subscription, string location, string name) =>
        $"/subscriptions/{subscription}/providers/Microsoft.KeyVault/locations/{Uri.EscapeDataString(location)}/deletedVaults/{Uri.EscapeDataString(name)}";

    /// <summary>As az prints a resource: as returned, with its resource group added.</summary>
    public static JsonObject WithResourceGroup(JsonNode? resource)
    {
        var result = resource as JsonObject ?? throw new CommandFailedException("The server returned no vault.");
        result["resourceGroup"] = ArmIds.ResourceGroupOf(result["id"]?.GetValue<string>());
        return result;
    }
}
