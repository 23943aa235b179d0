using Coffer.Api.Contracts;
using Coffer.Api.Contracts.Keys;
using Coffer.Api.Hosting;
using Coffer.Core.Authorization;
using Coffer.Core.Crypto;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Microsoft.AspNetCore.Http;

namespace Coffer.Api.Endpoints;

/// <summary>Soft delete, deleted keys, recovery, purge, backup and restore.</summary>
internal static partial class KeyEndpoints
{
    private static async Task DeleteAsync(HttpContext context, string name, KeyService keys, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, KeyOperations.Delete, name);
        var deleted = await keys.DeleteAsync(request.Vault, name, context.RequestAborted);
        await context.Response.WriteAsJsonAsync(KeyMapper.ToDeletedBundle(deleted, request.Vault, request.VaultUri), Json.DeletedKeyBundle, contentType: null, context.RequestAborted);
    }

    private static async Task GetDeletedAsync(HttpContext context, string name, KeyService keys, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, KeyOperations.GetDeleted, name);
        var deleted = await keys.GetDeletedAsync(request.Vault, name, context.RequestAborted);
        await context.Response.WriteAsJsonAsync(KeyMapper.ToDeletedBundle(deleted, request.Vault, request.VaultUri), Json.DeletedKeyBundle, contentType: null, context.RequestAborted);
    }

    private static async Task ListDeletedAsync(HttpContext context, KeyService keys, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, KeyOperations.ListDeleted, null);
        var maxResults = context.MaxResults();
        var page = await keys.ListDeletedAsync(request.Vault, context.SkipToken(), maxResults, context.RequestAborted);
        await WritePageAsync(context, request, page, maxResults, d => KeyMapper.ToDeletedItem(d, request.Vault, request.VaultUri), Json.ListResultDeletedKeyItem);
    }

    private static async Task RecoverAsync(HttpContext context, string name, KeyService keys, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, KeyOperations.Recover, name);
        var key = await keys.RecoverAsync(request.Vault, name, context.RequestAborted);
        await WriteBundleAsync(context, request, key);
    }

    private static async Task PurgeAsync(HttpContext context, string name, KeyService keys, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, KeyOperations.Purge, name);
        await keys.PurgeAsync(request.Vault, name, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static async Task BackupAsync(HttpContext context, string name, KeyService keys, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, KeyOperations.Backup, name);
        var blob = await keys.BackupAsync(request.Vault, name, context.RequestAborted);
        await context.Response.WriteAsJsonAsync(new BackupBlob { Value = Base64Url.Encode(blob) }, Json.BackupBlob, contentType: null, context.RequestAborted);
    }

    private static async Task RestoreAsync(HttpContext context, KeyService keys, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, KeyOperations.Restore, null);
        var body = await context.ReadBodyAsync(Json.BackupBlob);
        if (body.Value is null)
        {
            throw CofferErrors.BadParameter("The parameter 'value' is required.");
        }

        if (!Base64Url.TryDecode(body.Value, out var blob))
        {
            throw CofferErrors.BadParameter("The parameter 'value' must be base64url.");
        }

        var key = await keys.RestoreAsync(request.Vault, blob, context.RequestAborted);
        await WriteBundleAsync(context, request, key);
    }
}
