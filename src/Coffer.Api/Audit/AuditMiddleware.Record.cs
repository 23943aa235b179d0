using System.Globalization;
using Coffer.Api.Hosting;
using Coffer.Core.Audit;
using Coffer.Core.Authorization;
using Coffer.Core.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Coffer.Api.Audit;

internal sealed partial class AuditMiddleware
{
    // Every request names its status twice; the names are computed once.
    private static readonly string[] StatusNames = [.. Enumerable.Range(100, 500).Select(StatusNameOf)];

    private async ValueTask<AuditRecord> CreateRecordAsync(HttpContext context, AuditFeature feature, DateTimeOffset time, TimeSpan duration)
    {
        var request = context.Request;
        var status = context.Response.StatusCode;
        var vaultRequest = context.Features.Get<VaultRequest>();
        var vaultName = vaultRequest?.Vault.Name ?? VaultNameOf(request);
        var caller = vaultRequest?.Principal ?? feature.Caller;
        var resourceId = await ResourceIdAsync(context, vaultRequest, vaultName);
        var apiVersion = request.Query["api-version"].ToString();
        return new AuditRecord
        {
            Time = time,
            ResourceId = resourceId,
            VaultName = vaultName,
            OperationName = context.GetEndpoint()?.Metadata.GetMetadata<AuditOperation>()?.NameFor(context) ?? AuditOperation.Unmatched,
            OperationVersion = apiVersion.Length == 0 ? null : Truncate(apiVersion, 40),
            ResultType = status < 400 ? "Success" : StatusName(status),
            ResultSignature = StatusName(status),
            ResultDescription = status < 400 ? null : feature.ErrorCode,
            DurationMs = (long)duration.TotalMilliseconds,
            CallerIpAddress = _addresses.Resolve(context, out _)?.ToString(),
            CorrelationId = Header(request, "x-ms-client-request-id"),
            Identity = caller is null ? feature.IssuedTo : IdentityOf(caller),
            ClientInfo = Header(request, "User-Agent"),
            RequestUri = AuditRequestUri.For(context),
            HttpStatusCode = status,
            ObjectUri = ObjectUriOf(context, vaultRequest),
            Authorization = vaultRequest is not null
                ? vaultRequest.Vault.EnableRbacAuthorization ? AuditAuthorization.Rbac : AuditAuthorization.AccessPolicy
                : feature.Caller is not null ? AuditAuthorization.Rbac : AuditAuthorization.None,
        };
    }

    private static AuditIdentity IdentityOf(Principal caller) =>
        new(caller.ObjectId.ToString("D"), caller.AppId, caller.UserPrincipalName is { Length: > 0 } upn ? Truncate(upn, 256) : null)
        {
            TenantId = caller.TenantId.ToString("D"),
        };

    /// <summary>The vault's ARM id; for a request refused before its vault was established, looked up by the host's name.</summary>
    private async ValueTask<string> ResourceIdAsync(HttpContext context, VaultRequest? vaultRequest, string? vaultName)
    {
        if (vaultRequest is not null)
        {
            return vaultRequest.Vault.ResourceId(_deployment.SubscriptionId);
        }

        if (vaultName is not null)
        {
            var vault = await _vaults.FindAsync(vaultName, CancellationToken.None);
            return vault is not null
                ? vault.ResourceId(_deployment.SubscriptionId)
                : ResourceScope.VaultPath(_deployment.SubscriptionId, "-", vaultName);
        }

        var path = context.Request.Path.Value ?? "/";
        return path.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/providers/", StringComparison.OrdinalIgnoreCase)
            ? Truncate(path.TrimEnd('/'), 512)
            : "/tenants/" + _deployment.TenantId.ToString("D");
    }

    /// <summary><c>properties.id</c>: the object's URI (<c>https://v.localhost/secrets/name[/version]</c>) or the vault's.</summary>
    private static string? ObjectUriOf(HttpContext context, VaultRequest? vaultRequest)
    {
        if (vaultRequest is null)
        {
            return null;
        }

        var routeValues = context.Request.RouteValues;
        if (routeValues["name"] is not string name)
        {
            return vaultRequest.VaultUri + "/";
        }

        var path = context.Request.Path.Value ?? "/";
        var collection = path.AsSpan(1);
        var slash = collection.IndexOf('/');
        collection = slash >= 0 ? collection[..slash] : collection;
        var uri = string.Concat(vaultRequest.VaultUri, "/", collection.ToString(), "/" + name);
        return routeValues["version"] is string { Length: > 0 } version ? uri + "/" + version : uri;
    }

    private string? VaultNameOf(HttpRequest request)
    {
        var host = request.Host.Host;
        if (!request.IsHttps || host.Length <= _hostSuffix.Length || !host.EndsWith(_hostSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var name = host[..^_hostSuffix.Length];
        return name.Contains('.', StringComparison.Ordinal) ? null : name;
    }

    private static string? Header(HttpRequest request, string name)
    {
        var value = request.Headers[name].ToString();
        return value.Length == 0 ? null : Truncate(value, 256);
    }

    private static string StatusName(int status) =>
        status is >= 100 and < 600 ? StatusNames[status - 100] : StatusNameOf(status);

    private static string StatusNameOf(int status) =>
        ReasonPhrases.GetReasonPhrase(status).Replace(" ", "", StringComparison.Ordinal) is { Length: > 0 } name ? name : status.ToString(CultureInfo.InvariantCulture);

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
