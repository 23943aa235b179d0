using System.Text.Json.Serialization.Metadata;
using Coffer.Api.Audit;
using Coffer.Api.Contracts;
using Coffer.Api.Contracts.Keys;
using Coffer.Api.Hosting;
using Coffer.Core.Authorization;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Paging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coffer.Api.Endpoints;

/// <summary>
/// The keys data plane (<c>keys.json</c>). Each handler authorizes its data action first. Lifecycle, cryptography and
/// rotation handlers are in their own parts.
/// </summary>
internal static partial class KeyEndpoints
{
    private static readonly CofferJsonContext Json = CofferJsonContext.Wire;

    public static IEndpointRouteBuilder MapKeyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/keys", ListAsync).Audited("KeyList");
        app.MapPut("/keys/{name}", ImportAsync).Audited("KeyImport");
        app.MapPost("/keys/{name}/create", CreateAsync).Audited("KeyCreate");
        app.MapGet("/keys/{name}/versions", ListVersionsAsync).Audited("KeyListVersions");
        app.MapGet("/keys/{name}/rotationpolicy", GetRotationPolicyAsync).Audited("KeyRotationPolicyGet");
        app.MapPut("/keys/{name}/rotationpolicy", SetRotationPolicyAsync).Audited("KeyRotationPolicySet");
        app.MapPost("/keys/{name}/rotate", RotateAsync).Audited("KeyRotate");
        app.MapGet("/keys/{name}/{version}/attestation", GetAttestationAsync).Audited("KeyGetAttestation");
        app.MapGet("/keys/{name}/{version?}", GetAsync).Audited("KeyGet");
        app.MapPatch("/keys/{name}/{version?}", UpdateAsync).Audited("KeyUpdate");
        app.MapDelete("/keys/{name}", DeleteAsync).Audited("KeyDelete");
        app.MapPost("/keys/{name}/backup", BackupAsync).Audited("KeyBackup");
        app.MapPost("/keys/restore", RestoreAsync).Audited("KeyRestore");
        // Cryptographic operations with or without a version, including the SDKs' "/keys/{name}//encrypt" for a versionless kid.
        app.MapPost("/keys/{name}/{**operation}", OperateAsync).Audited(AuditOperationNames.KeyOperation);
        app.MapGet("/deletedkeys", ListDeletedAsync).Audited("KeyListDeleted");
        app.MapGet("/deletedkeys/{name}", GetDeletedAsync).Audited("KeyGetDeleted");
        app.MapDelete("/deletedkeys/{name}", PurgeAsync).Audited("KeyPurge");
        app.MapPost("/deletedkeys/{name}/recover", RecoverAsync).Audited("KeyRecover");
        app.MapPost("/rng", GetRandomBytesAsync).Audited("RandomBytesGet");
        return app;
    }

    private static async Task CreateAsync(HttpContext context, string name, KeyService keys, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, KeyOperations.Create, name);
        var body = await context.ReadBodyAsync(Json.KeyCreateParameters);
        if (body.Kty is null)
        {
            throw CofferErrors.BadParameter("The parameter 'kty' is required.");
        }

        var properties = KeyMapper.ToCore(body.Attributes, body.Tags, body.KeyOps, body.ReleasePolicy);
        var key = await keys.CreateAsync(request.Vault, name, new KeyCreateRequest(body.Kty, body.KeySize, body.PublicExponent, body.Crv, properties), context.RequestAborted);
        await WriteBundleAsync(context, request, key);
    }

    private static async Task ImportAsync(HttpContext context, string name, KeyService keys, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, KeyOperations.Import, name);
        var body = await context.ReadBodyAsync(Json.KeyImportParameters);
        if (body.Key is null)
        {
            throw CofferErrors.BadParameter("The parameter 'key' is required.");
        }

        var properties = KeyMapper.ToCore(body.Attributes, body.Tags, body.Key.KeyOps, body.ReleasePolicy);
        var key = await keys.ImportAsync(request.Vault, name, KeyMapper.ToCore(body.Key), body.Hsm == true, properties, context.RequestAborted);
        await WriteBundleAsync(context, request, key);
    }

    private static async Task GetAsync(HttpContext context, string name, string? version, KeyService keys, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, KeyOperations.Get, name);
        var key = await keys.GetAsync(request.Vault, name, version, context.RequestAborted);
        await WriteBundleAsync(context, request, key);
    }

    private static async Task UpdateAsync(HttpContext context, string name, string? version, KeyService keys, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, KeyOperations.Update, name);
        var body = await context.ReadBodyAsync(Json.KeyUpdateParameters);
        var key = await keys.UpdateAsync(request.Vault, name, version, KeyMapper.ToCore(body.Attributes, body.Tags, body.KeyOps, body.ReleasePolicy), context.RequestAborted);
        await WriteBundleAsync(context, request, key);
    }

    private static async Task ListAsync(HttpContext context, KeyService keys, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, KeyOperations.List, null);
        var maxResults = context.MaxResults();
        var page = await keys.ListAsync(request.Vault, context.SkipToken(), maxResults, context.RequestAborted);
        await WritePageAsync(context, request, page, maxResults, k => KeyMapper.ToItem(k, request.Vault, request.VaultUri, withVersion: false), Json.ListResultKeyItem);
    }

    private static async Task ListVersionsAsync(HttpContext context, string name, KeyService keys, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, KeyOperations.ListVersions, name);
        var maxResults = context.MaxResults();
        var page = await keys.ListVersionsAsync(request.Vault, name, context.SkipToken(), maxResults, context.RequestAborted);
        await WritePageAsync(context, request, page, maxResults, k => KeyMapper.ToItem(k, request.Vault, request.VaultUri, withVersion: true), Json.ListResultKeyItem);
    }

    /// <summary>Key attestation is a Managed HSM feature; a software key has none to give.</summary>
    private static async Task GetAttestationAsync(HttpContext context, string name, string version, KeyService keys, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, KeyOperations.Get, name);
        await keys.GetAsync(request.Vault, name, version, context.RequestAborted);
        throw CofferErrors.BadParameter("Key attestation is available only for keys in a hardware security module; Coffer's keys are software-protected.");
    }

    private static Task WriteBundleAsync(HttpContext context, VaultRequest request, KeyVersion key) =>
        context.Response.WriteAsJsonAsync(KeyMapper.ToBundle(key, request.Vault, request.VaultUri), Json.KeyBundle, contentType: null, context.RequestAborted);

    /// <summary>The caller's vault request, once the principal is allowed the operation (on the named key, when it acts on one).</summary>
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
