using Coffer.Core.Authorization;
using Coffer.Core.Errors;
using CoreVault = Coffer.Core.Vaults.Vault;

namespace Coffer.Api.Contracts.Management;

/// <summary>Maps vaults and access policies between the domain and ARM's <c>Microsoft.KeyVault/vaults</c> shapes.</summary>
internal static class VaultMapper
{
    public const string ResourceType = "Microsoft.KeyVault/vaults";

    /// <summary>
    /// The vault as ARM returns it; <c>vaultUri</c> is built from the request's host (<c>localhost:8443</c>) as
    /// <c>https://{name}.{host}/</c>, as data-plane ids are.
    /// </summary>
    public static Vault ToWire(CoreVault vault, Guid subscriptionId, Guid tenantId, string bareHost) => new()
    {
        Id = vault.ResourceId(subscriptionId),
        Name = vault.Name,
        Type = ResourceType,
        Location = vault.Location,
        Tags = new Dictionary<string, string>(vault.Tags),
        Properties = new VaultProperties
        {
            TenantId = tenantId.ToString("D"),
            Sku = new Sku { Family = "A", Name = vault.Sku },
            AccessPolicies = vault.AccessPolicies.Select(ToWire).ToList(),
            VaultUri = $"https://{vault.Name}.{bareHost}/",
            EnabledForDeployment = false,
            EnabledForDiskEncryption = false,
            EnabledForTemplateDeployment = false,
            EnableSoftDelete = true,
            SoftDeleteRetentionInDays = vault.RetentionDays,
            EnableRbacAuthorization = vault.EnableRbacAuthorization,
            // Azure leaves enablePurgeProtection out until it is turned on (it can never be turned off).
            EnablePurgeProtection = vault.PurgeProtection ? true : null,
            ProvisioningState = "Succeeded",
            PublicNetworkAccess = vault.PublicNetworkAccess.ToString(),
            NetworkAcls = NetworkRuleSetMapper.ToWire(vault.NetworkAcls),
        },
    };

    public static AccessPolicyEntry ToWire(AccessPolicy policy) => new()
    {
        TenantId = policy.TenantId.ToString("D"),
        ObjectId = policy.ObjectId.ToString("D"),
        ApplicationId = policy.ApplicationId?.ToString("D"),
        Permissions = new Permissions
        {
            Keys = [.. policy.Permissions.Keys],
            Secrets = [.. policy.Permissions.Secrets],
            Certificates = [.. policy.Permissions.Certificates],
            Storage = [.. policy.Permissions.Storage],
        },
    };

    /// <summary>Reads access-policy entries, refusing (with the field's path) anything Key Vault would refuse.</summary>
    public static List<AccessPolicy> ToCore(List<AccessPolicyEntry>? entries, string path)
    {
        var policies = new List<AccessPolicy>();
        for (var i = 0; i < (entries?.Count ?? 0); i++)
        {
            var entry = entries![i]; // the loop bound is 0 when entries is null
            var at = $"{path}[{i}]";
            if (entry is null || !Guid.TryParse(entry.TenantId, out var tenant))
            {
                throw CofferErrors.ArmBadRequest($"{at}.tenantId must be a GUID.");
            }

            if (!Guid.TryParse(entry.ObjectId, out var objectId))
            {
                throw CofferErrors.ArmBadRequest($"{at}.objectId must be a GUID.");
            }

            Guid? application = null;
            if (!string.IsNullOrEmpty(entry.ApplicationId))
            {
                application = Guid.TryParse(entry.ApplicationId, out var app) ? app : throw CofferErrors.ArmBadRequest($"{at}.applicationId must be a GUID.");
            }

            var given = entry.Permissions ?? throw CofferErrors.ArmBadRequest($"{at}.permissions is required.");
            var permissions = new AccessPolicyPermissions(given.Keys ?? [], given.Secrets ?? [], given.Certificates ?? [], given.Storage ?? []);
            permissions.Validate($"{at}.permissions");
            policies.Add(new AccessPolicy(tenant, objectId, application, permissions));
        }

        return policies;
    }
}
