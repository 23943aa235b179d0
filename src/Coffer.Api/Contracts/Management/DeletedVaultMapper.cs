using System.Globalization;
using Coffer.Core.Authorization;
using CoreDeletedVault = Coffer.Core.Vaults.DeletedVault;

namespace Coffer.Api.Contracts.Management;

/// <summary>Maps a soft-deleted vault to ARM's <c>Microsoft.KeyVault/deletedVaults</c> resource.</summary>
internal static class DeletedVaultMapper
{
    public const string ResourceType = "Microsoft.KeyVault/deletedVaults";

    /// <summary>The deleted vault's id: a subscription-level resource under the vault's location.</summary>
    public static string ResourceId(Guid subscriptionId, string location, string name) =>
        $"{ResourceScope.SubscriptionPath(subscriptionId)}/providers/{ResourceScope.KeyVaultProvider}/locations/{location}/deletedVaults/{name}";

    public static DeletedVault ToWire(CoreDeletedVault deleted, Guid subscriptionId) => new()
    {
        Id = ResourceId(subscriptionId, deleted.Vault.Location, deleted.Vault.Name),
        Name = deleted.Vault.Name,
        Type = ResourceType,
        Properties = new DeletedVaultProperties
        {
            VaultId = deleted.Vault.ResourceId(subscriptionId),
            Location = deleted.Vault.Location,
            DeletionDate = Iso(deleted.Deleted),
            ScheduledPurgeDate = Iso(deleted.ScheduledPurge),
            Tags = new Dictionary<string, string>(deleted.Vault.Tags),
            PurgeProtectionEnabled = deleted.Vault.PurgeProtection,
        },
    };

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
