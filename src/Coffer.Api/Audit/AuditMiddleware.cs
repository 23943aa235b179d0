using Coffer.Api.Errors;
using Coffer.Api.Hosting;
using Coffer.Core;
using Coffer.Core.Audit;
using Coffer.Core.Errors;
using Coffer.Core.Vaults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Coffer.Api.Audit;

/// <summary>
/// Outermost: every request gets an audit record, and its response leaves only once that record is durable. The
/// response is held (<see cref="HeldResponseBody"/>) while the rest of the pipeline runs; then the record goes to the
/// group-commit <see cref="AuditWriter"/>. If its batch fails, the held response is discarded and the caller gets 503
/// with <c>Retry-After</c>: never an unaudited answer.
/// </summary>
internal sealed partial class AuditMiddleware
{
    private readonly RequestDelegate _next;
    private readonly AuditWriter _writer;
    private readonly TimeProvider _time;
    private readonly Deployment _deployment;
    private readonly VaultDirectory _vaults;
    private readonly ClientAddressResolver _addresses;
    private readonly string _hostSuffix;
    private readonly ILogger<AuditMiddleware> _logger;

    public AuditMiddleware(
        RequestDelegate next, AuditWriter writer, TimeProvider time, Deployment deployment, VaultDirectory vaults, ClientAddressResolver addresses,
        CofferApiOptions options, ILogger<AuditMiddleware> logger)
    {
        _next = next;
        _writer = writer;
        _time = time;
        _deployment = deployment;
        _vaults = vaults;
        _addresses = addresses;
        _hostSuffix = "." + options.DnsSuffix;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var time = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        var feature = new AuditFeature();
        context.Features.Set(feature);
        var response = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var held = new HeldResponseBody();
        context.Features.Set<IHttpResponseBodyFeature>(held);
        try
        {
            await _next(context);
        }
        finally
        {
            context.Features.Set(response);
        }

        var record = await CreateRecordAsync(context, feature, time, _time.GetElapsedTime(started));
        try
        {
            await _writer.WriteAsync(record);
        }
        catch (AuditUnavailableException)
        {
            Log.AuditRefused(_logger, record.OperationName);
            await RefuseAsync(context);
            return;
        }

        if (context.Response.ContentLength is null && !context.Response.HasStarted)
        {
            context.Response.ContentLength = held.Written.Length;
        }

        // A body-less answer (204, 304, HEAD) has nothing to send, and Kestrel refuses even an empty write to a 204.
        if (!held.Written.IsEmpty)
        {
            await response.Writer.WriteAsync(held.Written, context.RequestAborted);
        }
    }

    private static Task RefuseAsync(HttpContext context)
    {
        // Whatever the endpoint prepared (headers, body) is dropped: none of it may reach the caller unaudited.
        context.Response.Clear();
        context.Response.Headers.CacheControl = "no-store";
        // The same hint as for a database that cannot be reached: with a shared store, that is usually why.
        context.Response.Headers[HeaderNames.RetryAfter] = ErrorHandlingMiddleware.RetryAfterSeconds;
        return ErrorWriter.WriteAsync(context, CofferErrors.AuditUnavailable());
    }
}
