using System.Text.Json.Serialization.Metadata;
using Coffer.Api.Audit;
using Coffer.Api.Contracts;
using Coffer.Api.Hosting;
using Coffer.Core.Authorization;
using Coffer.Core.Crypto;
using Coffer.Core.Errors;
using Coffer.Core.Paging;
using Coffer.Core.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coffer.Api.Endpoints;

/// <summary>The secrets data plane (<c>secrets.json</c>). Each handler authorizes its data action first.</summary>
internal static class SecretEndpoints
{
    private static readonly CofferJsonContext Json = CofferJsonContext.Wire;

    public static IEndpointRouteBuilder MapSecretEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/secrets", ListAsync).Audited("SecretList");
        app.MapPut("/secrets/{name}", SetAsync).Audited("SecretSet");
        app.MapGet("/secrets/{name}/versions", ListVersionsAsync).Audited("SecretListVersions");
        app.MapGet("/secrets/{name}/{version?}", GetAsync).Audited("SecretGet");
        app.MapPatch("/secrets/{name}/{version?}", UpdateAsync).Audited("SecretUpdate");
        app.MapDelete("/secrets/{name}", DeleteAsync).Audited("SecretDelete");
        app.MapPost("/secrets/{name}/backup", BackupAsync).Audited("SecretBackup");
        app.MapPost("/secrets/restore", RestoreAsync).Audited("SecretRestore");
        app.MapGet("/deletedsecrets", ListDeletedAsync).Audited("SecretListDeleted");
        app.MapGet("/deletedsecrets/{name}", GetDeletedAsync).Audited("SecretGetDeleted");
        app.MapDelete("/deletedsecrets/{name}", PurgeAsync).Audited("SecretPurge");
        app.MapPost("/deletedsecrets/{name}/recover", RecoverAsync).Audited("SecretRecover");
        return app;
    }

    private static async Task GetAsync(HttpContext context, string name, string? version, SecretService secrets, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, SecretOperations.Get, name);
        var (secret, value) = await secrets.GetAsync(request.Vault, name, version, context.RequestAborted);
        await context.Response.WriteAsJsonAsync(SecretMapper.ToBundle(secret, value, request.Vault, request.VaultUri), Json.SecretBundle, contentType: null, context.RequestAborted);
    }

    private static async Task SetAsync(HttpContext context, string name, SecretService secrets, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, SecretOperations.Set, name);
        var body = await context.ReadBodyAsync(Json.SecretSetParameters);
        if (body.Value is null)
        {
            throw CofferErrors.BadParameter("The parameter 'value' is required.");
        }

        var secret = await secrets.SetAsync(request.Vault, name, body.Value, SecretMapper.ToCore(body.Attributes, body.ContentType, body.Tags), context.RequestAborted);
        await context.Response.WriteAsJsonAsync(SecretMapper.ToBundle(secret, body.Value, request.Vault, request.VaultUri), Json.SecretBundle, contentType: null, context.RequestAborted);
    }

    private static async Task UpdateAsync(HttpContext context, string name, string? version, SecretService secrets, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, SecretOperations.Update, name);
        var body = await context.ReadBodyAsync(Json.SecretUpdateParameters);
        var secret = await secrets.UpdateAsync(request.Vault, name, version, SecretMapper.ToCore(body.Attributes, body.ContentType, body.Tags), context.RequestAborted);
        await context.Response.WriteAsJsonAsync(SecretMapper.ToBundle(secret, null, request.Vault, request.VaultUri), Json.SecretBundle, contentType: null, context.RequestAborted);
    }

    private static async Task ListAsync(HttpContext context, SecretService secrets, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, SecretOperations.List, null);
        var maxResults = context.MaxResults();
        var page = await secrets.ListAsync(request.Vault, context.SkipToken(), maxResults, context.RequestAborted);
        await WritePageAsync(context, request, page, maxResults, s => SecretMapper.ToItem(s, request.Vault, request.VaultUri, withVersion: false), Json.ListResultSecretItem);
    }

    private static async Task ListVersionsAsync(HttpContext context, string name, SecretService secrets, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, SecretOperations.ListVersions, name);
        var maxResults = context.MaxResults();
        var page = await secrets.ListVersionsAsync(request.Vault, name, context.SkipToken(), maxResults, context.RequestAborted);
        await WritePageAsync(context, request, page, maxResults, s => SecretMapper.ToItem(s, request.Vault, request.VaultUri, withVersion: true), Json.ListResultSecretItem);
    }

    private static async Task DeleteAsync(HttpContext context, string name, SecretService secrets, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, SecretOperations.Delete, name);
        var deleted = await secrets.DeleteAsync(request.Vault, name, context.RequestAborted);
        await context.Response.WriteAsJsonAsync(SecretMapper.ToDeletedBundle(deleted, request.Vault, request.VaultUri), Json.DeletedSecretBundle, contentType: null, context.RequestAborted);
    }

    private static async Task GetDeletedAsync(HttpContext context, string name, SecretService secrets, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, SecretOperations.GetDeleted, name);
        var deleted = await secrets.GetDeletedAsync(request.Vault, name, context.RequestAborted);
        await context.Response.WriteAsJsonAsync(SecretMapper.ToDeletedBundle(deleted, request.Vault, request.VaultUri), Json.DeletedSecretBundle, contentType: null, context.RequestAborted);
    }

    private static async Task ListDeletedAsync(HttpContext context, SecretService secrets, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, SecretOperations.ListDeleted, null);
        var maxResults = context.MaxResults();
        var page = await secrets.ListDeletedAsync(request.Vault, context.SkipToken(), maxResults, context.RequestAborted);
        await WritePageAsync(context, request, page, maxResults, d => SecretMapper.ToDeletedItem(d, request.Vault, request.VaultUri), Json.ListResultDeletedSecretItem);
    }

    private static async Task RecoverAsync(HttpContext context, string name, SecretService secrets, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, SecretOperations.Recover, name);
        var secret = await secrets.RecoverAsync(request.Vault, name, context.RequestAborted);
        await context.Response.WriteAsJsonAsync(SecretMapper.ToBundle(secret, null, request.Vault, request.VaultUri), Json.SecretBundle, contentType: null, context.RequestAborted);
    }

    private static async Task PurgeAsync(HttpContext context, string name, SecretService secrets, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, SecretOperations.Purge, name);
        await secrets.PurgeAsync(request.Vault, name, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static async Task BackupAsync(HttpContext context, string name, SecretService secrets, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, SecretOperations.Backup, name);
        var blob = await secrets.BackupAsync(request.Vault, name, context.RequestAborted);
        await context.Response.WriteAsJsonAsync(new BackupBlob { Value = Base64Url.Encode(blob) }, Json.BackupBlob, contentType: null, context.RequestAborted);
    }

    private static async Task RestoreAsync(HttpContext context, SecretService secrets, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, SecretOperations.Restore, null);
        var body = await context.ReadBodyAsync(Json.BackupBlob);
        if (body.Value is null)
        {
            throw CofferErrors.BadParameter("The parameter 'value' is required.");
        }

        if (!Base64Url.TryDecode(body.Value, out var blob))
        {
            throw CofferErrors.BadParameter("The parameter 'value' must be base64url.");
        }

        var secret = await secrets.RestoreAsync(request.Vault, blob, context.RequestAborted);
        await context.Response.WriteAsJsonAsync(SecretMapper.ToBundle(secret, null, request.Vault, request.VaultUri), Json.SecretBundle, contentType: null, context.RequestAborted);
    }

    /// <summary>The caller's vault request, once the principal is allowed the operation (on the named secret, when it acts on one).</summary>
    private static async ValueTask<VaultRequest> AuthorizeAsync(HttpContext context, AccessEvaluator access, DataOperation operation, string? name)
    {
        var request = context.VaultRequest();
        await access.DemandAsync(request.Principal, request.Vault, operation, name, context.RequestAborted);
        return request;
    }

    private static Task WritePageAsync<TRecord, TItem>(
        HttpContext context, VaultRequest request, Page<TRecord> page, int? maxResults, Func<TRecord, TItem> map, JsonTypeInfo<ListResult<TItem>> typeInfo)
    {
        var result = new ListResult<TItem>
        {
            Value = page.Items.Select(map).ToList(),
            NextLink = context.NextLink(request, page.NextToken, maxResults),
        };
        return context.Response.WriteAsJsonAsync(result, typeInfo, contentType: null, context.RequestAborted);
    }
}
