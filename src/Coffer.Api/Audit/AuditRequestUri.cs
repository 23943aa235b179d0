using System.Text;
using Microsoft.AspNetCore.Http;

namespace Coffer.Api.Audit;

/// <summary>
/// <c>properties.requestUri</c>: the URI the caller used, with the query reduced to parameters known to carry no
/// secret. Any other parameter keeps its name and loses its value, so a credential a client put in a query string
/// (a <c>client_secret</c>, an <c>assertion</c>, a <c>code</c>) never reaches the log.
/// </summary>
internal static class AuditRequestUri
{
    private const string Redacted = "REDACTED";

    private static readonly HashSet<string> Safe = new(StringComparer.OrdinalIgnoreCase)
    {
        "api-version", "maxresults", "$skiptoken", "$top", "$filter", "resource", "client_id", "object_id", "principal_id", "msi_res_id",
        "mi_res_id", "vault", "operation", "result", "caller", "since", "until", "order",
    };

    public static string For(HttpContext context)
    {
        var request = context.Request;
        var builder = new StringBuilder(128).Append(request.Scheme).Append("://").Append(request.Host.Value).Append(request.PathBase.Value).Append(request.Path.Value);
        var separator = '?';
        foreach (var (name, values) in request.Query)
        {
            foreach (var value in values)
            {
                builder.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Safe.Contains(name) ? Uri.EscapeDataString(value ?? "") : Redacted);
                separator = '&';
            }
        }

        return builder.ToString();
    }
}
