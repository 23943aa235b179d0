using System.Globalization;
using Coffer.Api.Contracts;
using Microsoft.AspNetCore.Http;

namespace Coffer.Api.Endpoints;

/// <summary>
/// Writes the token service's errors as Entra does: an OAuth error, an AADSTS code, and the trace and correlation
/// ids, repeated in the description. The correlation id is the client's <c>client-request-id</c> when it sent one.
/// </summary>
internal static class EntraErrorWriter
{
    public static Task WriteAsync(HttpContext context, TimeProvider time, TokenError failure)
    {
        var (status, error, code, message) = failure;
        var now = time.GetUtcNow();
        var timestamp = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var traceId = Guid.NewGuid().ToString("D");
        var correlationId = Guid.TryParse(context.Request.Headers["client-request-id"].ToString(), out var requested) ||
            Guid.TryParse(context.Request.Query["client-request-id"].ToString(), out requested)
            ? requested.ToString("D")
            : Guid.NewGuid().ToString("D");
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store, no-cache";
        context.Response.Headers.Pragma = "no-cache";
        var body = new EntraError
        {
            Error = error,
            Description = string.Create(CultureInfo.InvariantCulture, $"AADSTS{code}: {message} Trace ID: {traceId} Correlation ID: {correlationId} Timestamp: {timestamp}"),
            ErrorCodes = [code],
            Timestamp = timestamp,
            TraceId = traceId,
            CorrelationId = correlationId,
        };
        return context.Response.WriteAsJsonAsync(body, CofferJsonContext.Wire.EntraError, contentType: null, context.RequestAborted);
    }
}
