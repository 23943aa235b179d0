using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Coffer.Core;
using Coffer.Core.Errors;
using Coffer.Core.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Api.Hosting;

/// <summary>
/// The checks every management (ARM-shaped) request passes, in this one place and in ARM's order: HTTPS on the bare
/// host (the plain-HTTP identity port and the vault hosts never serve it: 404), api-version (400), the caller's token
/// (401), then the subscription (404). Authorization follows, per operation.
/// </summary>
internal static class ManagementPreconditions
{
    /// <summary>
    /// Runs the checks and returns the verified caller. <paramref name="apiVersions"/> null accepts any api-version;
    /// <paramref name="subscriptionId"/> null skips the subscription check (paths without one, such as <c>/subscriptions</c>).
    /// </summary>
    public static Principal Begin(HttpContext context, string? subscriptionId, IReadOnlyCollection<string>? apiVersions = null, string? resourceType = null)
    {
        if (!context.Request.IsHttps || context.Features.Get<VaultRequest>() is not null)
        {
            throw CofferErrors.NotFound(context.Request.Path.Value ?? "/");
        }

        var apiVersion = context.Request.Query["api-version"].ToString();
        if (apiVersion.Length == 0)
        {
            throw CofferErrors.MissingApiVersion();
        }

        if (apiVersions is not null && !apiVersions.Contains(apiVersion))
        {
            throw CofferErrors.UnsupportedApiVersion(apiVersion.Length <= 40 ? apiVersion : apiVersion[..40] + "…", resourceType ?? "resource", string.Join(", ", apiVersions));
        }

        var principal = context.ManagementPrincipal();
        if (subscriptionId is not null)
        {
            var deployment = context.RequestServices.GetRequiredService<Deployment>();
            if (!Guid.TryParse(subscriptionId, out var subscription) || subscription != deployment.SubscriptionId)
            {
                throw CofferErrors.SubscriptionNotFound(subscriptionId.Length <= 60 ? subscriptionId : subscriptionId[..60] + "…");
            }
        }

        return principal;
    }

    /// <summary>Reads an optional JSON body; an empty body is an empty object, malformed JSON is ARM's <c>InvalidRequestContent</c>.</summary>
    public static async ValueTask<T> ReadOptionalBodyAsync<T>(this HttpContext context, JsonTypeInfo<T> typeInfo, Func<T> empty)
        where T : class
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length == 0)
        {
            return empty();
        }

        try
        {
            return JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), typeInfo) ?? empty();
        }
        catch (JsonException error)
        {
            var where = error.Path is null ? "the body" : $"'{error.Path}'";
            throw CofferErrors.InvalidRequestContent($"The request content was invalid and could not be deserialized at {where}.");
        }
    }
}
