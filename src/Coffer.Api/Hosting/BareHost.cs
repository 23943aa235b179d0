using Coffer.Core.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coffer.Api.Hosting;

/// <summary>
/// Routes served only on the bare host, <c>https://{suffix}[:{port}]</c>: the identity and directory endpoints.
/// On a vault host or the plain-HTTP identity port the same paths are not found.
/// </summary>
internal static class BareHost
{
    public static RouteGroupBuilder MapBareHostGroup(this IEndpointRouteBuilder app, CofferApiOptions options)
    {
        // A host without a port matches every port.
        var group = app.MapGroup("/").RequireHost(options.DnsSuffix);
        group.AddEndpointFilter((context, next) =>
            context.HttpContext.Request.IsHttps ? next(context) : throw CofferErrors.NotFound(context.HttpContext.Request.Path.Value ?? "/"));
        return group;
    }
}
