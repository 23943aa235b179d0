using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Coffer.Api.Audit;
using Coffer.Api.Contracts;
using Coffer.Api.Hosting;
using Coffer.Core.Authorization;
using Coffer.Core.Errors;
using Coffer.Core.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coffer.Api.Endpoints;

/// <summary>
/// Service principals through a Microsoft Graph-shaped API on the bare host (<c>/v1.0/servicePrincipals</c>), what
/// <c>coffer ad sp create-for-rbac</c> calls. <c>{id}</c> is the object id or the app id. Callers authenticate with
/// a Coffer token and need <c>Microsoft.Directory/servicePrincipals/read|write|delete</c> at <c>/</c>.
/// </summary>
internal static partial class ServicePrincipalEndpoints
{
    public const string ReadAction = "Microsoft.Directory/servicePrincipals/read";
    public const string WriteAction = "Microsoft.Directory/servicePrincipals/write";
    public const string DeleteAction = "Microsoft.Directory/servicePrincipals/delete";

    private static readonly CofferJsonContext Json = CofferJsonContext.Wire;

    public static RouteGroupBuilder MapServicePrincipalEndpoints(this RouteGroupBuilder bare)
    {
        bare.MapPost("/v1.0/servicePrincipals", CreateAsync).Audited("ServicePrincipalCreate");
        bare.MapGet("/v1.0/servicePrincipals", ListAsync).Audited("ServicePrincipalList");
        bare.MapGet("/v1.0/servicePrincipals/{id}", GetAsync).Audited("ServicePrincipalGet");
        bare.MapDelete("/v1.0/servicePrincipals/{id}", DeleteAsync).Audited("ServicePrincipalDelete");
        bare.MapPost("/v1.0/servicePrincipals/{id}/addPassword", AddPasswordAsync).Audited("ServicePrincipalAddPassword");
        bare.MapPost("/v1.0/servicePrincipals/{id}/removePassword", RemovePasswordAsync).Audited("ServicePrincipalRemovePassword");
        return bare;
    }

    private static async Task CreateAsync(HttpContext context, ServicePrincipalService principals, AccessEvaluator access)
    {
        await DemandAsync(context, access, WriteAction);
        var body = await ReadBodyAsync(context, Json.ServicePrincipalCreateParameters);
        var principal = await principals.CreateAsync(body.DisplayName, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.Headers.Location = $"https://{context.Request.Host}/v1.0/servicePrincipals/{principal.ObjectId:D}";
        await context.Response.WriteAsJsonAsync(GraphMapper.ToGraph(principal), Json.GraphServicePrincipal, contentType: null, context.RequestAborted);
    }

    private static async Task ListAsync(HttpContext context, ServicePrincipalService principals, AccessEvaluator access)
    {
        await DemandAsync(context, access, ReadAction);
        var filter = context.Request.Query["$filter"].ToString();
        IReadOnlyList<ServicePrincipal> found;
        if (filter.Length == 0)
        {
            found = await principals.ListAsync(context.RequestAborted);
        }
        else
        {
            var match = EqualsFilter().Match(filter);
            if (!match.Success)
            {
                throw DirectoryErrors.UnsupportedQuery("Only $filter=displayName eq '…' and $filter=appId eq '…' are supported.");
            }

            var value = match.Groups["value"].Value.Replace("''", "'", StringComparison.Ordinal);
            var one = match.Groups["property"].Value == "displayName"
                ? await principals.FindByDisplayNameAsync(value, context.RequestAborted)
                : Guid.TryParse(value, out var appId) ? await principals.FindByAppIdAsync(appId, context.RequestAborted) : null;
            found = one is null ? [] : [one];
        }

        await context.Response.WriteAsJsonAsync(
            new GraphCollection<GraphServicePrincipal> { Value = found.Select(GraphMapper.ToGraph).ToList() },
            Json.GraphCollectionGraphServicePrincipal, contentType: null, context.RequestAborted);
    }

    private static async Task GetAsync(HttpContext context, string id, ServicePrincipalService principals, AccessEvaluator access)
    {
        await DemandAsync(context, access, ReadAction);
        var principal = await FindAsync(principals, id, context.RequestAborted);
        await context.Response.WriteAsJsonAsync(GraphMapper.ToGraph(principal), Json.GraphServicePrincipal, contentType: null, context.RequestAborted);
    }

    private static async Task DeleteAsync(HttpContext context, string id, ServicePrincipalService principals, AccessEvaluator access)
    {
        await DemandAsync(context, access, DeleteAction);
        var principal = await FindAsync(principals, id, context.RequestAborted);
        if (!await principals.DeleteAsync(principal, context.RequestAborted))
        {
            throw DirectoryErrors.ServicePrincipalNotFound(id);
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static async Task AddPasswordAsync(HttpContext context, string id, ServicePrincipalService principals, AccessEvaluator access)
    {
        await DemandAsync(context, access, WriteAction);
        var principal = await FindAsync(principals, id, context.RequestAborted);
        var body = context.Request.ContentLength == 0 ? new AddPasswordParameters() : await ReadBodyAsync(context, Json.AddPasswordParameters);
        var password = await principals.AddPasswordAsync(principal, body.PasswordCredential?.DisplayName, body.PasswordCredential?.EndDateTime, context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(GraphMapper.ToNewPassword(password), Json.GraphPasswordCredential, contentType: null, context.RequestAborted);
    }

    private static async Task RemovePasswordAsync(HttpContext context, string id, ServicePrincipalService principals, AccessEvaluator access)
    {
        await DemandAsync(context, access, WriteAction);
        var principal = await FindAsync(principals, id, context.RequestAborted);
        var body = await ReadBodyAsync(context, Json.RemovePasswordParameters);
        if (!Guid.TryParse(body.KeyId, out var keyId))
        {
            throw DirectoryErrors.BadRequest("The property 'keyId' is required and must be a GUID.");
        }

        await principals.RemovePasswordAsync(principal, keyId, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>Authenticates (ARM's 401s) and authorizes the caller at the directory's scope, <c>/</c>.</summary>
    private static async Task DemandAsync(HttpContext context, AccessEvaluator access, string action)
    {
        var caller = context.ManagementPrincipal();
        await access.DemandManagementAsync(caller, "/", action, context.RequestAborted);
    }

    private static async Task<ServicePrincipal> FindAsync(ServicePrincipalService principals, string id, CancellationToken cancellationToken) =>
        await principals.FindAsync(id, cancellationToken) ?? throw DirectoryErrors.ServicePrincipalNotFound(id.Length <= 100 ? id : id[..100]);

    /// <summary>A JSON body; an empty or malformed one is Graph's 400, naming where it broke but never echoing it.</summary>
    private static async Task<T> ReadBodyAsync<T>(HttpContext context, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted)
                ?? throw DirectoryErrors.BadRequest("The request body must be a JSON object, not null.");
        }
        catch (JsonException error)
        {
            throw DirectoryErrors.BadRequest(error.Path is null
                ? "The request body is empty or is not valid JSON."
                : $"The request body is not valid for this operation at '{error.Path}'.");
        }
    }

    /// <summary><c>displayName eq 'x'</c> or <c>appId eq 'x'</c>; OData doubles a quote inside the string.</summary>
    [GeneratedRegex(@"^\s*(?<property>displayName|appId)\s+eq\s+'(?<value>(?:[^']|'')*)'\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex EqualsFilter();
}
