using Coffer.Core.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Coffer.Api.Errors;

/// <summary>
/// The one place failures become responses: Key Vault errors keep their status and code; a bad HTTP request
/// is a 400; anything else is logged (without request data) and answered with a generic 500.
/// </summary>
internal sealed class ErrorHandlingMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<ErrorHandlingMiddleware> _logger;

    public ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
    {
        _next = next;
        _logger = logger;
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
}
