using System.Globalization;
using System.Text;
using Coffer.Api.Contracts;
using Coffer.Api.Contracts.Audit;
using Coffer.Api.Hosting;
using Coffer.Core;
using Coffer.Core.Abstractions;
using Coffer.Core.Audit;
using Coffer.Core.Authorization;
using Coffer.Core.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coffer.Api.Audit;

/// <summary>
/// <c>GET /subscriptions/{sub}/providers/Coffer.Audit/records?api-version=2025-07-01</c> on the bare host: the audit
/// log, newest first, filtered by <c>vault</c>, <c>operation</c>, <c>result</c>, <c>caller</c>, <c>since</c> and
/// <c>until</c>, paged by <c>$top</c> and <c>nextLink</c>. It needs <see cref="ReadAction"/> at the subscription
/// (Owner, Contributor and Reader have it), behind the same preconditions as every management request.
/// </summary>
internal static class AuditEndpoints
{
    public const string ReadAction = "Coffer.Audit/records/read";
    public const string ApiVersion = "2025-07-01";
    public const string Path = "/subscriptions/{subscriptionId}/providers/Coffer.Audit/records";

    private static readonly string[] ApiVersions = [ApiVersion];

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, ListAsync).Audited("AuditRecordList");
        return app;
    }

    private static async Task ListAsync(HttpContext context, string subscriptionId, IAuditStore store, AccessEvaluator access, Deployment deployment)
    {
        var principal = ManagementPreconditions.Begin(context, subscriptionId, ApiVersions, "records");
        await access.DemandManagementAsync(principal, deployment.SubscriptionScope, ReadAction, context.RequestAborted);
        var query = ParseQuery(context.Request.Query);
        var page = await store.QueryAsync(query, context.RequestAborted);
        var result = new ListResult<AuditEventRecord>
        {
            Value = [.. page.Items.Select(AuditEventMapper.ToWire)],
            NextLink = page.NextToken is null ? null : NextLink(context, page.NextToken),
        };
        await context.Response.WriteAsJsonAsync(result, AuditJsonContext.Wire.ListResultAuditEventRecord, contentType: null, context.RequestAborted);
    }

    private static AuditQuery ParseQuery(IQueryCollection query)
    {
        var results = List(query, "result");
        return new AuditQuery
        {
            VaultName = Single(query, "vault"),
            OperationNames = List(query, "operation"),
            ResultTypes = [.. results.Where(result => !int.TryParse(result, NumberStyles.None, CultureInfo.InvariantCulture, out _))],
            HttpStatusCodes = [.. results.Select(Status).OfType<int>()],
            CallerId = Single(query, "caller"),
            Since = Time(query, "since"),
            Until = Time(query, "until"),
            Order = Single(query, "order") switch
            {
                null or "newest" => AuditOrder.NewestFirst,
                "oldest" => AuditOrder.OldestFirst,
                var other => throw CofferErrors.ArmBadRequest($"The parameter 'order' must be 'newest' or 'oldest', not '{Shorten(other)}'."),
            },
            PageSize = Single(query, "$top") is { } top
                ? int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= AuditQuery.MaxPageSize
                    ? size
                    : throw CofferErrors.ArmBadRequest($"The parameter '$top' must be an integer from 1 to {AuditQuery.MaxPageSize}.")
                : 100,
            Continuation = Single(query, "$skiptoken"),
        };
    }

    private static int? Status(string result) => int.TryParse(result, NumberStyles.None, CultureInfo.InvariantCulture, out var status) ? status : null;

    private static string? Single(IQueryCollection query, string name) => query[name].ToString() is { Length: > 0 } value ? value : null;

    /// <summary>Comma-separated, repeatable: <c>operation=SecretGet,SecretSet&amp;operation=KeySign</c>.</summary>
    private static List<string> List(IQueryCollection query, string name) =>
        [.. query[name].SelectMany(value => (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static DateTimeOffset? Time(IQueryCollection query, string name)
    {
        var text = Single(query, name);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw CofferErrors.ArmBadRequest($"The parameter '{name}' must be an ISO 8601 time, not '{Shorten(text)}'.");
    }

    private static string NextLink(HttpContext context, string token)
    {
        var request = context.Request;
        var link = new StringBuilder().Append("https://").Append(request.Host.Value).Append(request.Path.Value);
        var separator = '?';
        foreach (var (name, values) in request.Query)
        {
            if (name.Equals("$skiptoken", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var value in values)
            {
                link.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value ?? ""));
                separator = '&';
            }
        }

        return link.Append(separator).Append("$skiptoken=").Append(Uri.EscapeDataString(token)).ToString();
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
