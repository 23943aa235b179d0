using Coffer.Api.Contracts.Management;
using Coffer.Core.Errors;
using Coffer.Core.Vaults;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Api.Endpoints.Management;

/// <summary>
/// Soft-deleted vaults, subscription-level resources as in Azure:
/// <c>/subscriptions/{sub}/providers/Microsoft.KeyVault/deletedVaults</c> (list),
/// <c>…/locations/{location}/deletedVaults/{name}</c> (get) and <c>…/{name}/purge</c> (POST).
/// </summary>
internal static class DeletedVaultEndpoints
{
    private const string List = "Microsoft.KeyVault/deletedVaults/read";
    private const string Read = "Microsoft.KeyVault/locations/deletedVaults/read";
    private const string Purge = "Microsoft.KeyVault/locations/deletedVaults/purge/action";

    private static ManagementJsonContext Json => ManagementJsonContext.Wire;

    public static Task HandleAsync(ManagementRequest request, string subscriptionPath, string? location, string? name, bool purge)
    {
        var scope = request.ParseScope(subscriptionPath);
        var vaults = request.Context.RequestServices.GetRequiredService<VaultDirectory>();
        return (name, purge) switch
        {
            (null, _) when HttpMethods.IsGet(request.Method) => ListAsync(request, vaults, scope.Path),
            ({ } one, false) when HttpMethods.IsGet(request.Method) => GetAsync(request, vaults, location!, one), // the path has a location with every name
            ({ } one, true) when HttpMethods.IsPost(request.Method) => PurgeAsync(request, vaults, location!, one),
            _ => throw CofferErrors.ManagementPathNotFound(request.Context.Request.Path.Value ?? "/"),
        };
    }

    private static async Task ListAsync(ManagementRequest request, VaultDirectory vaults, string subscriptionPath)
    {
        await request.DemandAsync(subscriptionPath, List);
        var subscription = request.Deployment.SubscriptionId;
        var value = (await vaults.ListDeletedAsync(request.Aborted)).Select(d => DeletedVaultMapper.ToWire(d, subscription)).ToList();
        await request.WriteAsync(StatusCodes.Status200OK, new ArmListResult<Contracts.Management.DeletedVault> { Value = value }, Json.ArmListResultDeletedVault);
    }

    private static async Task GetAsync(ManagementRequest request, VaultDirectory vaults, string location, string name)
    {
        await request.DemandAsync(DeletedVaultMapper.ResourceId(request.Deployment.SubscriptionId, location, name), Read);
        var deleted = await FindAsync(request, vaults, location, name);
        await request.WriteAsync(StatusCodes.Status200OK, DeletedVaultMapper.ToWire(deleted, request.Deployment.SubscriptionId), Json.DeletedVault);
    }

    /// <summary>Purges at once (200, no body: a finished long-running operation); purge protection refuses it before the scheduled purge date.</summary>
    private static async Task PurgeAsync(ManagementRequest request, VaultDirectory vaults, string location, string name)
    {
        await request.DemandAsync(DeletedVaultMapper.ResourceId(request.Deployment.SubscriptionId, location, name), Purge);
        await FindAsync(request, vaults, location, name);
        if (!await vaults.PurgeAsync(name, request.Aborted))
        {
            throw CofferErrors.DeletedVaultNotFound(name);
        }

        request.Context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static async Task<Core.Vaults.DeletedVault> FindAsync(ManagementRequest request, VaultDirectory vaults, string location, string name)
    {
        var deleted = await vaults.GetDeletedAsync(name, request.Aborted);
        return deleted is not null && string.Equals(deleted.Vault.Location, location, StringComparison.OrdinalIgnoreCase)
            ? deleted
            : throw CofferErrors.DeletedVaultNotFound(name);
    }
}
