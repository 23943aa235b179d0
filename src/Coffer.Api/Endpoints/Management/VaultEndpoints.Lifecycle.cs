using Coffer.Core.Authorization;
using Coffer.Core.Errors;
using Coffer.Core.Locks;
using Coffer.Core.Vaults;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coffer.Api.Endpoints.Management;

/// <summary>Deleting a vault (a soft delete) and recovering it through <c>createMode: recover</c>.</summary>
internal static partial class VaultEndpoints
{
    /// <summary>
    /// ARM's DELETE: 200 when the vault was soft-deleted, 204 when there was none. Its role assignments (at the vault
    /// and beneath it) go with it, as in Azure; recovering the vault does not bring them back.
    /// </summary>
    private static async Task DeleteAsync(ManagementRequest request, VaultDirectory vaults, ResourceScope scope, string name, string path)
    {
        await request.DemandAsync(path, Delete);
        var vault = await vaults.FindAsync(name, request.Aborted);
        if (vault is null || !string.Equals(vault.ResourceGroup, scope.ResourceGroup, StringComparison.OrdinalIgnoreCase))
        {
            request.Context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        await Locks(request).DemandDeletableAsync(path, request.Aborted);
        if (await vaults.DeleteAsync(name, request.Aborted) is null)
        {
            request.Context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        var removed = await request.Access.DeleteAtOrUnderAsync(vault.ResourceId(request.Deployment.SubscriptionId), request.Aborted);
        if (removed > 0)
        {
            Log.VaultRoleAssignmentsRemoved(request.Context.RequestServices.GetRequiredService<ILogger<VaultDirectory>>(), vault.Name, removed);
        }

        request.Context.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>
    /// <c>createMode: recover</c> brings back a soft-deleted vault as it was, with its objects; the body's other
    /// settings are not applied (Azure restores the vault's own). 200, as for a PUT that changed an existing vault.
    /// </summary>
    private static async Task RecoverAsync(ManagementRequest request, VaultDirectory vaults, ResourceScope scope, string name)
    {
        var deleted = await vaults.GetDeletedAsync(name, request.Aborted);
        if (deleted is null)
        {
            throw await vaults.FindAsync(name, request.Aborted) is null ? CofferErrors.DeletedVaultNotFound(name) : CofferErrors.VaultAlreadyExists(name);
        }

        if (!string.Equals(deleted.Vault.ResourceGroup, scope.ResourceGroup, StringComparison.OrdinalIgnoreCase))
        {
            throw CofferErrors.ArmBadRequest($"The deleted vault '{name}' belongs to resource group '{deleted.Vault.ResourceGroup}'; recover it there.");
        }

        var recovered = await vaults.RecoverAsync(name, request.Aborted) ?? throw CofferErrors.DeletedVaultNotFound(name);
        await WriteVaultAsync(request, StatusCodes.Status200OK, recovered);
    }

    /// <summary>Azure's <c>createMode</c>: <c>default</c> (or left out) creates, <c>recover</c> recovers; anything else is 400.</summary>
    private static bool IsRecover(string? createMode) => createMode switch
    {
        null => false,
        _ when createMode.Equals("default", StringComparison.OrdinalIgnoreCase) => false,
        _ when createMode.Equals("recover", StringComparison.OrdinalIgnoreCase) => true,
        _ => throw CofferErrors.ArmBadRequest($"The createMode '{createMode}' is not valid (properties.createMode); use 'default' or 'recover'."),
    };

    private static LockService Locks(ManagementRequest request) => request.Context.RequestServices.GetRequiredService<LockService>();
}
