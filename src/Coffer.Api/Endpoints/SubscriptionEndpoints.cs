using Coffer.Api.Contracts;
using Coffer.Api.Hosting;
using Coffer.Core;
using Coffer.Core.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coffer.Api.Endpoints;

/// <summary>
/// ARM's <c>GET /subscriptions?api-version=…</c> on the bare host: the deployment's one subscription, so clients (the
/// <c>coffer</c> CLI, Azure's management SDKs) learn the id that roots every resource id. Any signed-in caller may
/// list it; what it may do inside is up to its role assignments.
/// </summary>
internal static class SubscriptionEndpoints
{
    public static IEndpointRouteBuilder MapSubscriptionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/subscriptions", List);
        return app;
    }

    private static IResult List(HttpContext context, Deployment deployment)
    {
        if (!context.Request.IsHttps || context.Features.Get<VaultRequest>() is not null)
        {
            // The management API lives on the bare HTTPS host only, not on vault hosts or the identity port.
            throw CofferErrors.NotFound(context.Request.Path.Value ?? "/");
        }

        _ = context.ManagementPrincipal();
        if (string.IsNullOrEmpty(context.Request.Query["api-version"]))
        {
            throw new CofferException(400, ErrorCodes.MissingApiVersionParameter, "The api-version query parameter (?api-version=) is required for all requests.");
        }

        var subscription = new Subscription
        {
            Id = deployment.SubscriptionScope,
            SubscriptionId = deployment.SubscriptionId.ToString("D"),
            TenantId = deployment.TenantId.ToString("D"),
            DisplayName = "Coffer",
            State = "Enabled",
        };
        return Results.Json(new SubscriptionListResult { Value = [subscription] }, CofferJsonContext.Wire.SubscriptionListResult);
    }
}
