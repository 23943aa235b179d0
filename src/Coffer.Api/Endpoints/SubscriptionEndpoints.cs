using Coffer.Api.Audit;
using Coffer.Api.Contracts;
using Coffer.Api.Hosting;
using Coffer.Core;
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
        app.MapGet("/subscriptions", List).Audited("SubscriptionList");
        return app;
    }

    private static IResult List(HttpContext context, Deployment deployment)
    {
        _ = ManagementPreconditions.Begin(context, subscriptionId: null);
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
