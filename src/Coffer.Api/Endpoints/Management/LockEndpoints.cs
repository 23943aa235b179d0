using Coffer.Api.Contracts.Management;
using Coffer.Core.Authorization;
using Coffer.Core.Errors;
using Coffer.Core.Locks;
using Coffer.Core.Vaults;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Api.Endpoints.Management;

/// <summary>
/// <c>{scope}/providers/Microsoft.Authorization/locks[/{name}]</c> (2016-09-01) at a subscription, a resource group
/// or a vault: create or replace, read, delete and list, each authorized by
/// <c>Microsoft.Authorization/locks/read|write|delete</c> on the scope (Owner and User Access Administrator hold them).
/// </summary>
internal static class LockEndpoints
{
    private const string Read = "Microsoft.Authorization/locks/read";
    private const string Write = "Microsoft.Authorization/locks/write";
    private const string Delete = "Microsoft.Authorization/locks/delete";
    private const int MaxNameLength = 260;
    private const int MaxNotesLength = 512;

    private static ManagementJsonContext Json => ManagementJsonContext.Wire;

    public static Task HandleAsync(ManagementRequest request, string scopePath, string? name)
    {
        var scope = request.ParseScope(scopePath);
        if (scope.Level is not (ScopeLevel.Subscription or ScopeLevel.ResourceGroup or ScopeLevel.Vault))
        {
            throw CofferErrors.ManagementPathNotFound(request.Context.Request.Path.Value ?? "/");
        }

        var locks = request.Context.RequestServices.GetRequiredService<LockService>();
        if (name is null)
        {
            return HttpMethods.IsGet(request.Method) ? ListAsync(request, locks, scope) : throw CofferErrors.ManagementPathNotFound(request.Context.Request.Path.Value ?? "/");
        }

        if (name.Length > MaxNameLength || name.Any(c => c is '<' or '>' or '*' or '%' or '&' or ':' or '\\' or '?' or '+'))
        {
            throw CofferErrors.ArmBadRequest($"The lock name '{(name.Length <= 60 ? name : name[..60] + "…")}' is invalid: up to {MaxNameLength} characters, none of < > * % & : \\ ? +.");
        }

        return request.Method switch
        {
            _ when HttpMethods.IsPut(request.Method) => PutAsync(request, locks, scope, name),
            _ when HttpMethods.IsGet(request.Method) => GetAsync(request, locks, scope, name),
            _ when HttpMethods.IsDelete(request.Method) => DeleteAsync(request, locks, scope, name),
            _ => throw CofferErrors.ManagementPathNotFound(request.Context.Request.Path.Value ?? "/"),
        };
    }

    /// <summary>Creates (201) or replaces (200) a lock; a lock on a vault needs the vault.</summary>
    private static async Task PutAsync(ManagementRequest request, LockService locks, ResourceScope scope, string name)
    {
        await request.DemandAsync(scope.Path, Write);
        var body = await request.ReadBodyAsync(Json.ManagementLockObject);
        var properties = body.Properties ?? throw CofferErrors.ArmBadRequest("The 'properties' property is required.");
        var level = properties.Level switch
        {
            { } given when given.Equals(nameof(LockLevel.CanNotDelete), StringComparison.OrdinalIgnoreCase) => LockLevel.CanNotDelete,
            { } given when given.Equals(nameof(LockLevel.ReadOnly), StringComparison.OrdinalIgnoreCase) => LockLevel.ReadOnly,
            _ => throw CofferErrors.ArmBadRequest($"The lock level '{properties.Level}' is not valid (properties.level); use 'CanNotDelete' or 'ReadOnly'."),
        };
        if (properties.Notes is { Length: > MaxNotesLength })
        {
            throw CofferErrors.ArmBadRequest($"The lock notes are longer than {MaxNotesLength} characters (properties.notes).");
        }

        var owners = new List<string>();
        foreach (var owner in properties.Owners ?? [])
        {
            owners.Add(owner?.ApplicationId is { Length: > 0 } id ? id : throw CofferErrors.ArmBadRequest("Every lock owner needs an applicationId (properties.owners)."));
        }

        if (scope.Level == ScopeLevel.Vault)
        {
            var vault = await request.Context.RequestServices.GetRequiredService<VaultDirectory>().FindAsync(scope.VaultName!, request.Aborted); // a vault scope has its name
            if (vault is null || !string.Equals(vault.ResourceGroup, scope.ResourceGroup, StringComparison.OrdinalIgnoreCase))
            {
                throw CofferErrors.ResourceNotFound(VaultMapper.ResourceType, scope.VaultName!, scope.ResourceGroup ?? string.Empty);
            }
        }

        var managementLock = new ManagementLock(scope.Path, name, level) { Notes = properties.Notes, Owners = owners };
        var created = await locks.PutAsync(managementLock, request.Aborted);
        await request.WriteAsync(created ? StatusCodes.Status201Created : StatusCodes.Status200OK, LockMapper.ToWire(managementLock), Json.ManagementLockObject);
    }

    private static async Task GetAsync(ManagementRequest request, LockService locks, ResourceScope scope, string name)
    {
        await request.DemandAsync(scope.Path, Read);
        var managementLock = await locks.GetAsync(scope.Path, name, request.Aborted) ?? throw CofferErrors.LockNotFound(name);
        await request.WriteAsync(StatusCodes.Status200OK, LockMapper.ToWire(managementLock), Json.ManagementLockObject);
    }

    /// <summary>ARM's DELETE: 200 when the lock was removed, 204 when there was none.</summary>
    private static async Task DeleteAsync(ManagementRequest request, LockService locks, ResourceScope scope, string name)
    {
        await request.DemandAsync(scope.Path, Delete);
        var deleted = await locks.DeleteAsync(scope.Path, name, request.Aborted);
        request.Context.Response.StatusCode = deleted ? StatusCodes.Status200OK : StatusCodes.Status204NoContent;
    }

    /// <summary>The locks at the scope, inherited from above it, and on what lies beneath it.</summary>
    private static async Task ListAsync(ManagementRequest request, LockService locks, ResourceScope scope)
    {
        await request.DemandAsync(scope.Path, Read);
        var value = (await locks.ListRelatedAsync(scope.Path, request.Aborted)).Select(LockMapper.ToWire).ToList();
        await request.WriteAsync(StatusCodes.Status200OK, new ArmListResult<ManagementLockObject> { Value = value }, Json.ArmListResultManagementLockObject);
    }
}
