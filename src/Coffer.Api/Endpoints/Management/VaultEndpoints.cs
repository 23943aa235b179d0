using Coffer.Api.Contracts.Management;
using Coffer.Core.Authorization;
using Coffer.Core.Errors;
using Coffer.Core.Network;
using Coffer.Core.Vaults;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using CoreVault = Coffer.Core.Vaults.Vault;
using WireVault = Coffer.Api.Contracts.Management.Vault;

namespace Coffer.Api.Endpoints.Management;

/// <summary>
/// <c>/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{name}</c> (2023-07-01): create or
/// replace (PUT), recover (PUT with <c>createMode: recover</c>), read, update (PATCH), delete, change access policies,
/// and list by resource group or subscription. Every change goes through <see cref="VaultDirectory"/>, which forgets
/// its cached vault, so the data plane sees it at once; management locks are checked after authorization, as ARM does.
/// </summary>
internal static partial class VaultEndpoints
{
    private const string Read = "Microsoft.KeyVault/vaults/read";
    private const string Write = "Microsoft.KeyVault/vaults/write";
    private const string Delete = "Microsoft.KeyVault/vaults/delete";
    private const string WriteAccessPolicies = "Microsoft.KeyVault/vaults/accessPolicies/write";

    private static ManagementJsonContext Json => ManagementJsonContext.Wire;

    public static Task HandleAsync(ManagementRequest request, string scopePath, string? name, string? policyKind)
    {
        var scope = request.ParseScope(scopePath);
        var vaults = request.Context.RequestServices.GetRequiredService<VaultDirectory>();
        if (name is null)
        {
            return HttpMethods.IsGet(request.Method) ? ListAsync(request, vaults, scope) : throw NotServed(request);
        }

        if (scope.Level != ScopeLevel.ResourceGroup)
        {
            throw NotServed(request);
        }

        if (!VaultName.IsValid(name))
        {
            throw CofferErrors.VaultNameNotValid(name);
        }

        var path = ResourceScope.VaultPath(request.Deployment.SubscriptionId, scope.ResourceGroup!, name); // a resource-group scope has its group
        if (policyKind is not null)
        {
            return HttpMethods.IsPut(request.Method) ? UpdateAccessPoliciesAsync(request, vaults, scope, name, path, policyKind) : throw NotServed(request);
        }

        return request.Method switch
        {
            _ when HttpMethods.IsGet(request.Method) => GetAsync(request, vaults, scope, name, path),
            _ when HttpMethods.IsPut(request.Method) => PutAsync(request, vaults, scope, name, path),
            _ when HttpMethods.IsPatch(request.Method) => PatchAsync(request, vaults, scope, name, path),
            _ when HttpMethods.IsDelete(request.Method) => DeleteAsync(request, vaults, scope, name, path),
            _ => throw NotServed(request),
        };
    }

    private static async Task GetAsync(ManagementRequest request, VaultDirectory vaults, ResourceScope scope, string name, string path)
    {
        await request.DemandAsync(path, Read);
        var vault = await FindInGroupAsync(request, vaults, scope, name);
        await WriteVaultAsync(request, StatusCodes.Status200OK, vault);
    }

    /// <summary>
    /// PUT creates (201) or replaces the settings of (200) a vault, or recovers a soft-deleted one; a name taken in
    /// another group is 409, and so is one a soft-deleted vault holds.
    /// </summary>
    private static async Task PutAsync(ManagementRequest request, VaultDirectory vaults, ResourceScope scope, string name, string path)
    {
        await request.DemandAsync(path, Write);
        await Locks(request).DemandWritableAsync(path, request.Aborted);
        var body = await request.ReadBodyAsync(Json.Vault);
        if (string.IsNullOrWhiteSpace(body.Location))
        {
            throw CofferErrors.ArmBadRequest("The 'location' property is required.");
        }

        var properties = body.Properties ?? throw CofferErrors.ArmBadRequest("The 'properties' property is required.");
        if (properties.TenantId is null)
        {
            throw CofferErrors.ArmBadRequest("The 'properties.tenantId' property is required.");
        }

        if (properties.Sku is null)
        {
            throw CofferErrors.ArmBadRequest("The 'properties.sku' property is required.");
        }

        if (IsRecover(properties.CreateMode))
        {
            await RecoverAsync(request, vaults, scope, name);
            return;
        }

        var existing = await vaults.FindAsync(name, request.Aborted);
        if (existing is not null && !string.Equals(existing.ResourceGroup, scope.ResourceGroup, StringComparison.OrdinalIgnoreCase))
        {
            throw CofferErrors.VaultAlreadyExists(name);
        }

        CoreVault Apply(CoreVault vault) => ApplyProperties(request, vault, properties) with
        {
            Location = body.Location.Trim(),
            Tags = body.Tags ?? new Dictionary<string, string>(),
            // PUT replaces: what the body leaves out goes back to Azure's defaults.
            EnableRbacAuthorization = properties.EnableRbacAuthorization ?? true,
            AccessPolicies = VaultMapper.ToCore(properties.AccessPolicies, "properties.accessPolicies"),
            NetworkAcls = NetworkRuleSetMapper.ToCore(properties.NetworkAcls),
            PublicNetworkAccess = NetworkRuleSetMapper.ToCore(properties.PublicNetworkAccess) ?? PublicNetworkAccess.Enabled,
        };

        if (existing is null)
        {
            var fresh = Apply(new CoreVault(Guid.NewGuid(), name, request.Time.GetUtcNow(), CoreVault.DefaultRetentionDays, PurgeProtection: false)
            {
                ResourceGroup = scope.ResourceGroup!, // a resource-group scope has its group
            });
            var created = await vaults.CreateAsync(fresh, request.Aborted);
            await WriteVaultAsync(request, StatusCodes.Status201Created, created);
            return;
        }

        var updated = await vaults.UpdateAsync(name, Apply, request.Aborted) ?? throw NotFound(scope, name);
        await WriteVaultAsync(request, StatusCodes.Status200OK, updated);
    }

    /// <summary>PATCH changes only what the body names.</summary>
    private static async Task PatchAsync(ManagementRequest request, VaultDirectory vaults, ResourceScope scope, string name, string path)
    {
        await request.DemandAsync(path, Write);
        await Locks(request).DemandWritableAsync(path, request.Aborted);
        var body = await request.ReadBodyAsync(Json.Vault);
        await FindInGroupAsync(request, vaults, scope, name);
        var updated = await vaults.UpdateAsync(
            name,
            vault =>
            {
                var changed = body.Properties is { } properties ? ApplyProperties(request, vault, properties) : vault;
                return body.Tags is { } tags ? changed with { Tags = tags } : changed;
            },
            request.Aborted) ?? throw NotFound(scope, name);
        await WriteVaultAsync(request, StatusCodes.Status200OK, updated);
    }

    private static async Task UpdateAccessPoliciesAsync(ManagementRequest request, VaultDirectory vaults, ResourceScope scope, string name, string path, string kind)
    {
        if (!AccessPolicyUpdate.Kinds.Contains(kind, StringComparer.OrdinalIgnoreCase))
        {
            throw CofferErrors.ArmBadRequest($"The access policy update kind '{kind}' is not valid; use add, replace or remove.");
        }

        await request.DemandAsync(path, WriteAccessPolicies);
        await Locks(request).DemandWritableAsync(path, request.Aborted);
        var body = await request.ReadBodyAsync(Json.VaultAccessPolicyParameters);
        var entries = body.Properties?.AccessPolicies ?? throw CofferErrors.ArmBadRequest("The 'properties.accessPolicies' property is required.");
        var changes = VaultMapper.ToCore(entries, "properties.accessPolicies");
        await FindInGroupAsync(request, vaults, scope, name);
        var updated = await vaults.UpdateAsync(name, vault => vault with { AccessPolicies = AccessPolicyUpdate.Apply(vault.AccessPolicies, kind, changes) }, request.Aborted)
            ?? throw NotFound(scope, name);
        var result = new VaultAccessPolicyParameters
        {
            Id = $"{updated.ResourceId(request.Deployment.SubscriptionId)}/accessPolicies/{kind.ToLowerInvariant()}",
            Type = VaultMapper.ResourceType + "/accessPolicies",
            Location = updated.Location,
            Properties = new VaultAccessPolicyProperties { AccessPolicies = changes.Select(VaultMapper.ToWire).ToList() },
        };
        await request.WriteAsync(StatusCodes.Status200OK, result, Json.VaultAccessPolicyParameters);
    }

    /// <summary>Vaults of the subscription or resource group that the caller may read (others are left out, as ARM does).</summary>
    private static async Task ListAsync(ManagementRequest request, VaultDirectory vaults, ResourceScope scope)
    {
        var value = new List<WireVault>();
        foreach (var vault in await vaults.ListAsync(request.Aborted))
        {
            var inScope = scope.Level != ScopeLevel.ResourceGroup || string.Equals(vault.ResourceGroup, scope.ResourceGroup, StringComparison.OrdinalIgnoreCase);
            if (inScope && await request.Access.AllowsManagementAsync(request.Principal, vault.ResourceId(request.Deployment.SubscriptionId), Read, request.Aborted))
            {
                value.Add(VaultMapper.ToWire(vault, request.Deployment.SubscriptionId, request.Deployment.TenantId, request.Context.Request.Host.Value ?? string.Empty));
            }
        }

        await request.WriteAsync(StatusCodes.Status200OK, new ArmListResult<WireVault> { Value = value }, Json.ArmListResultVault);
    }

    /// <summary>The settings both PUT and PATCH may carry, checked as Azure checks them.</summary>
    private static CoreVault ApplyProperties(ManagementRequest request, CoreVault vault, VaultProperties properties)
    {
        if (properties.TenantId is { } tenant && (!Guid.TryParse(tenant, out var tenantId) || tenantId != request.Deployment.TenantId))
        {
            throw CofferErrors.ArmBadRequest($"The tenant '{tenant}' is not this deployment's tenant (properties.tenantId); use '{request.Deployment.TenantId:D}'.");
        }

        if (properties.EnableSoftDelete == false)
        {
            throw CofferErrors.ArmBadRequest("The property \"enableSoftDelete\" cannot be set to false. Enabling the soft delete for a vault is an irreversible action.");
        }

        // Azure refuses false even on a new vault: purge protection is either left out or turned on.
        if (properties.EnablePurgeProtection == false)
        {
            throw CofferErrors.ArmBadRequest("The property \"enablePurgeProtection\" cannot be set to false. Enabling the purge protection for a vault is an irreversible action.");
        }

        var sku = vault.Sku;
        if (properties.Sku is { } given)
        {
            if (given.Family is { } family && !family.Equals("A", StringComparison.OrdinalIgnoreCase))
            {
                throw CofferErrors.ArmBadRequest($"The sku family '{family}' is not valid (properties.sku.family); use 'A'.");
            }

            sku = given.Name?.ToLowerInvariant() is "standard" or "premium"
                ? given.Name.ToLowerInvariant()
                : throw CofferErrors.ArmBadRequest($"The sku name '{given.Name}' is not valid (properties.sku.name); use 'standard' or 'premium'.");
        }

        var retention = properties.SoftDeleteRetentionInDays ?? vault.RetentionDays;
        if (retention is < 7 or > 90)
        {
            throw CofferErrors.ArmBadRequest("The property \"softDeleteRetentionInDays\" must be between 7 and 90.");
        }

        return vault with
        {
            Sku = sku,
            RetentionDays = retention,
            PurgeProtection = properties.EnablePurgeProtection ?? vault.PurgeProtection,
            EnableRbacAuthorization = properties.EnableRbacAuthorization ?? vault.EnableRbacAuthorization,
            AccessPolicies = properties.AccessPolicies is null ? vault.AccessPolicies : VaultMapper.ToCore(properties.AccessPolicies, "properties.accessPolicies"),
            // ARM's PATCH replaces networkAcls as a whole when it is given.
            NetworkAcls = properties.NetworkAcls is null ? vault.NetworkAcls : NetworkRuleSetMapper.ToCore(properties.NetworkAcls),
            PublicNetworkAccess = NetworkRuleSetMapper.ToCore(properties.PublicNetworkAccess) ?? vault.PublicNetworkAccess,
        };
    }

    private static async Task<CoreVault> FindInGroupAsync(ManagementRequest request, VaultDirectory vaults, ResourceScope scope, string name)
    {
        var vault = await vaults.FindAsync(name, request.Aborted);
        return vault is not null && string.Equals(vault.ResourceGroup, scope.ResourceGroup, StringComparison.OrdinalIgnoreCase) ? vault : throw NotFound(scope, name);
    }

    private static Task WriteVaultAsync(ManagementRequest request, int status, CoreVault vault) =>
        request.WriteAsync(status, VaultMapper.ToWire(vault, request.Deployment.SubscriptionId, request.Deployment.TenantId, request.Context.Request.Host.Value ?? string.Empty), Json.Vault);

    private static CofferException NotFound(ResourceScope scope, string name) => CofferErrors.ResourceNotFound(VaultMapper.ResourceType, name, scope.ResourceGroup ?? string.Empty);

    private static CofferException NotServed(ManagementRequest request) => CofferErrors.ManagementPathNotFound(request.Context.Request.Path.Value ?? "/");
}
