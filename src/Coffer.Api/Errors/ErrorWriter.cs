using Coffer.Api.Audit;
using Coffer.Api.Contracts;
using Coffer.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace Coffer.Api.Errors;

/// <summary>Writes Key Vault's error body for a <see cref="CofferException"/>.</summary>
internal static class ErrorWriter
{
    public static Task WriteAsync(HttpContext context, CofferException error)
    {
        context.Response.StatusCode = error.Status;
        context.Features.Get<AuditFeature>()?.ErrorCode = error.Code;
        var body = new KeyVaultError
        {
            Error = new ErrorDetail
            {
                Code = error.Code,
                Message = error.Message,
                InnerError = error.InnerCode is null ? null : new InnerError { Code = error.InnerCode },
            },
        };
        return context.Response.WriteAsJsonAsync(body, CofferJsonContext.Wire.KeyVaultError, contentType: null, context.RequestAborted);
    }
}
