using Coffer.Api.Hosting;
using Coffer.Core.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coffer.Api.Endpoints;

/// <summary>
/// Key Vault areas Coffer does not serve yet answer a clear 501 instead of a bare 404, so a client's failure
/// says what is missing rather than suggesting a typo.
/// </summary>
internal static class NotImplementedEndpoints
{
    private static readonly (string Prefix, string Feature)[] Areas =
    [
        ("certificates", "certificates"),
        ("deletedcertificates", "certificates"),
        ("storage", "managed storage accounts"),
        ("deletedstorage", "managed storage accounts"),
    ];

    public static IEndpointRouteBuilder MapNotImplementedEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var (prefix, feature) in Areas)
        {
            RequestDelegate refuse = context =>
            {
                _ = context.VaultRequest();
                throw CofferErrors.NotImplemented(feature);
            };
            app.Map("/" + prefix, refuse);
            app.Map("/" + prefix + "/{**rest}", refuse);
        }

        return app;
    }
}
