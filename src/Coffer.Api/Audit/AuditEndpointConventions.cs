using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Coffer.Api.Audit;

internal static class AuditEndpointConventions
{
    /// <summary>Names the operation in the endpoint's audit records (Key Vault's ObjectVerb names where it has one).</summary>
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string operationName)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AuditOperation(operationName));

    /// <summary>Names the operation from the request, for endpoints that dispatch on the path themselves.</summary>
    public static TBuilder Audited<TBuilder>(this TBuilder builder, Func<HttpContext, string> operationName)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AuditOperation(operationName));
}
