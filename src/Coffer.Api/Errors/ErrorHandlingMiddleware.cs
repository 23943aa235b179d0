using System.Data.Common;
using System.Globalization;
using Coffer.Core.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Coffer.Api.Errors;

/// <summary>
/// The one place failures become responses: Key Vault errors keep their status and code; a bad HTTP request
/// is a 400; a database that cannot be reached for now is a 503 with <c>Retry-After</c>, which the SDKs honour; anything
/// else is logged (without request data) and answered with a generic 500.
/// </summary>
internal sealed class ErrorHandlingMiddleware
{
    /// <summary>Long enough for a database restart or failover to finish within the SDKs' default three retries.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary><see cref="RetryAfter"/> as the header carries it.</summary>
    public static readonly string RetryAfterSeconds = ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    // One log line per outage, not one per request: a new one after this long without a transient failure.
    private static readonly TimeSpan OutageGap = TimeSpan.FromSeconds(30);

    private readonly RequestDelegate _next;
    private readonly ILogger<ErrorHandlingMiddleware> _logger;
    private readonly TimeProvider _time;
    private long _lastUnavailableTicks;

    public ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger, TimeProvider time)
    {
        _next = next;
        _logger = logger;
        _time = time;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await _next(context);
        }
        catch (CofferException error) when (!context.Response.HasStarted)
        {
            await ErrorWriter.WriteAsync(context, error);
        }
        catch (BadHttpRequestException error) when (!context.Response.HasStarted)
        {
            await ErrorWriter.WriteAsync(context, new CofferException(error.StatusCode, ErrorCodes.BadParameter, "The request could not be read: " + error.Message));
        }
        catch (Exception error) when (!context.Response.HasStarted && IsTransientDatabaseFailure(error))
        {
            LogOncePerOutage(error);
            context.Response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds;
            await ErrorWriter.WriteAsync(context, CofferErrors.ServiceUnavailable());
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception error) when (!context.Response.HasStarted)
        {
            Log.UnhandledException(_logger, context.Request.Method, context.Request.Path.Value ?? string.Empty, error.GetType().Name, error);
            await ErrorWriter.WriteAsync(context, new CofferException(500, ErrorCodes.InternalError, "The server had an internal error. The failure was logged."));
        }
    }

    /// <summary>
    /// A store's database is down or failing over (<see cref="DbException.IsTransient"/>: Npgsql sets it for connection
    /// failures, SQLite for a busy database), found however deep the store wrapped it.
    /// </summary>
    private static bool IsTransientDatabaseFailure(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    private void LogOncePerOutage(Exception error)
    {
        var now = _time.GetUtcNow().UtcTicks;
        var last = Interlocked.Exchange(ref _lastUnavailableTicks, now);
        if (now - last >= OutageGap.Ticks)
        {
            // The exception's type and message name the failure (host, port, state); a connection string never appears in them.
            Log.DatabaseUnavailable(_logger, error.GetType().Name, error);
        }
    }
}
