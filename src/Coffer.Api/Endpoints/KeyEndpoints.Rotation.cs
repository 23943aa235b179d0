using Coffer.Api.Contracts.Keys;
using Coffer.Api.Hosting;
using Coffer.Core.Authorization;
using Coffer.Core.Keys;
using Microsoft.AspNetCore.Http;

namespace Coffer.Api.Endpoints;

/// <summary>Rotation on demand and the rotation policy.</summary>
internal static partial class KeyEndpoints
{
    private static async Task RotateAsync(HttpContext context, string name, KeyService keys, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, KeyOperations.Rotate, name);
        var key = await keys.RotateAsync(request.Vault, name, context.RequestAborted);
        await WriteBundleAsync(context, request, key);
    }

    private static async Task GetRotationPolicyAsync(HttpContext context, string name, KeyService keys, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, KeyOperations.GetRotationPolicy, name);
        var key = await keys.GetAsync(request.Vault, name, null, context.RequestAborted);
        var policy = await keys.GetRotationPolicyAsync(request.Vault, name, context.RequestAborted);
        await context.Response.WriteAsJsonAsync(KeyMapper.ToWire(policy, key, request.VaultUri), Json.KeyRotationPolicy, contentType: null, context.RequestAborted);
    }

    private static async Task SetRotationPolicyAsync(HttpContext context, string name, KeyService keys, AccessEvaluator access)
    {
        var request = await AuthorizeAsync(context, access, KeyOperations.SetRotationPolicy, name);
        var body = await context.ReadBodyAsync(Json.KeyRotationPolicy);
        var key = await keys.GetAsync(request.Vault, name, null, context.RequestAborted);
        var policy = await keys.SetRotationPolicyAsync(request.Vault, name, KeyMapper.ToCore(body.LifetimeActions), body.Attributes?.ExpiryTime, context.RequestAborted);
        await context.Response.WriteAsJsonAsync(KeyMapper.ToWire(policy, key, request.VaultUri), Json.KeyRotationPolicy, contentType: null, context.RequestAborted);
    }
}
