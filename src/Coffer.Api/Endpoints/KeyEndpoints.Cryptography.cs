using Coffer.Api.Contracts.Keys;
using Coffer.Api.Hosting;
using Coffer.Core.Authorization;
using Coffer.Core.Crypto;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Microsoft.AspNetCore.Http;

namespace Coffer.Api.Endpoints;

/// <summary>
/// encrypt, decrypt, wrapkey, unwrapkey, sign, verify and release, addressed as <c>/keys/{name}/{version}/{operation}</c>,
/// <c>/keys/{name}/{operation}</c> or, as the SDKs send a versionless kid, <c>/keys/{name}//{operation}</c>; and random bytes.
/// </summary>
internal static partial class KeyEndpoints
{
    private static Task OperateAsync(HttpContext context, string name, string? operation, KeyService keys, AccessEvaluator access)
    {
        var segments = (operation ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var (version, verb) = segments switch
        {
            [var only] => (null, only),
            [var v, var op] => (v, op),
            _ => throw CofferErrors.NotFound(context.Request.Path),
        };

        return verb.ToLowerInvariant() switch
        {
            "encrypt" => EncryptAsync(context, name, version, keys, access),
            "decrypt" => DecryptAsync(context, name, version, keys, access),
            "wrapkey" => WrapKeyAsync(context, name, version, keys, access),
            "unwrapkey" => UnwrapKeyAsync(context, name, version, keys, access),
            "sign" => SignAsync(context, name, version, keys, access),
            "verify" => VerifyAsync(context, name, version, keys, access),
            "release" => ReleaseAsync(context, name, version, keys, access),
            _ => throw CofferErrors.NotFound(context.Request.Path),
        };
    }

    private static async Task EncryptAsync(HttpContext context, string name, string? version, KeyService keys, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, KeyOperations.Encrypt, name);
        var (body, algorithm) = await ReadOperationAsync(context);
        var (key, result) = await keys.EncryptAsync(request.Vault, name, version, algorithm, KeyMapper.Require(body.Value, "value"),
            KeyMapper.Decode(body.Iv, "iv"), KeyMapper.Decode(body.Aad, "aad"), context.RequestAborted);
        await WriteResultAsync(context, new KeyOperationResult
        {
            Kid = KeyMapper.Kid(key, request.VaultUri),
            Value = Base64Url.Encode(result.Value),
            Iv = Encode(result.Iv),
            Tag = Encode(result.Tag),
            Aad = Encode(result.Aad),
        });
    }

    private static async Task DecryptAsync(HttpContext context, string name, string? version, KeyService keys, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, KeyOperations.Decrypt, name);
        var (body, algorithm) = await ReadOperationAsync(context);
        var (key, plaintext) = await keys.DecryptAsync(request.Vault, name, version, algorithm, KeyMapper.Require(body.Value, "value"),
            KeyMapper.Decode(body.Iv, "iv"), KeyMapper.Decode(body.Aad, "aad"), KeyMapper.Decode(body.Tag, "tag"), context.RequestAborted);
        await WriteResultAsync(context, new KeyOperationResult { Kid = KeyMapper.Kid(key, request.VaultUri), Value = Base64Url.Encode(plaintext) });
    }

    private static async Task WrapKeyAsync(HttpContext context, string name, string? version, KeyService keys, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, KeyOperations.WrapKey, name);
        var (body, algorithm) = await ReadOperationAsync(context);
        var (key, wrapped) = await keys.WrapKeyAsync(request.Vault, name, version, algorithm, KeyMapper.Require(body.Value, "value"), context.RequestAborted);
        await WriteResultAsync(context, new KeyOperationResult { Kid = KeyMapper.Kid(key, request.VaultUri), Value = Base64Url.Encode(wrapped) });
    }

    private static async Task UnwrapKeyAsync(HttpContext context, string name, string? version, KeyService keys, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, KeyOperations.UnwrapKey, name);
        var (body, algorithm) = await ReadOperationAsync(context);
        var (key, unwrapped) = await keys.UnwrapKeyAsync(request.Vault, name, version, algorithm, KeyMapper.Require(body.Value, "value"), context.RequestAborted);
        await WriteResultAsync(context, new KeyOperationResult { Kid = KeyMapper.Kid(key, request.VaultUri), Value = Base64Url.Encode(unwrapped) });
    }

    private static async Task SignAsync(HttpContext context, string name, string? version, KeyService keys, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, KeyOperations.Sign, name);
        var body = await context.ReadBodyAsync(Json.KeySignParameters);
        var algorithm = body.Algorithm ?? throw CofferErrors.BadParameter("The parameter 'alg' is required.");
        var (key, signature) = await keys.SignAsync(request.Vault, name, version, algorithm, KeyMapper.Require(body.Value, "value"), context.RequestAborted);
        await WriteResultAsync(context, new KeyOperationResult { Kid = KeyMapper.Kid(key, request.VaultUri), Value = Base64Url.Encode(signature) });
    }

    private static async Task VerifyAsync(HttpContext context, string name, string? version, KeyService keys, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, KeyOperations.Verify, name);
        var body = await context.ReadBodyAsync(Json.KeyVerifyParameters);
        var algorithm = body.Algorithm ?? throw CofferErrors.BadParameter("The parameter 'alg' is required.");
        var valid = await keys.VerifyAsync(request.Vault, name, version, algorithm,
            KeyMapper.Require(body.Digest, "digest"), KeyMapper.Require(body.Value, "value"), context.RequestAborted);
        await context.Response.WriteAsJsonAsync(new KeyVerifyResult { Value = valid }, Json.KeyVerifyResult, contentType: null, context.RequestAborted);
    }

    private static async Task ReleaseAsync(HttpContext context, string name, string? version, KeyService keys, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, KeyOperations.Release, name);
        var body = await context.ReadBodyAsync(Json.KeyReleaseParameters);
        if (string.IsNullOrEmpty(body.Target))
        {
            throw CofferErrors.BadParameter("The parameter 'target' is required.");
        }

        await keys.ReleaseAsync(request.Vault, name, version, context.RequestAborted);
    }

    private static async Task GetRandomBytesAsync(HttpContext context, AccessEvaluator access)
    {
        await AuthorizeAsync(context, access, KeyOperations.GetRandomBytes, null);
        var body = await context.ReadBodyAsync(Json.GetRandomBytesRequest);
        var bytes = KeyService.GetRandomBytes(body.Count);
        await context.Response.WriteAsJsonAsync(new RandomBytes { Value = Base64Url.Encode(bytes) }, Json.RandomBytes, contentType: null, context.RequestAborted);
    }

    private static async Task<(KeyOperationsParameters Body, string Algorithm)> ReadOperationAsync(HttpContext context)
    {
        var body = await context.ReadBodyAsync(Json.KeyOperationsParameters);
        return (body, body.Algorithm ?? throw CofferErrors.BadParameter("The parameter 'alg' is required."));
    }

    private static Task WriteResultAsync(HttpContext context, KeyOperationResult result) =>
        context.Response.WriteAsJsonAsync(result, Json.KeyOperationResult, contentType: null, context.RequestAborted);

    private static string? Encode(byte[]? bytes) => bytes is null ? null : Base64Url.Encode(bytes);
}
