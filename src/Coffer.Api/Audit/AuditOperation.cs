using Microsoft.AspNetCore.Http;

namespace Coffer.Api.Audit;

/// <summary>
/// Endpoint metadata naming the operation an audit record gets: a fixed name (<c>SecretGet</c>), or, for endpoints
/// that dispatch on the path (key operations, the management API), a function of the request.
/// </summary>
internal sealed class AuditOperation
{
    private readonly string? _name;
    private readonly Func<HttpContext, string>? _resolve;

    public AuditOperation(string name) => _name = name;

    public AuditOperation(Func<HttpContext, string> resolve) => _resolve = resolve;

    /// <summary>For requests that matched no endpoint, or one without a name (documented in docs/audit.md).</summary>
    public const string Unmatched = "RequestUnmatched";

    public string NameFor(HttpContext context) => _name ?? _resolve!(context);
}
