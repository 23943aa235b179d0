using Coffer.Api.Endpoints;
using Coffer.Api.Endpoints.Management;
using Coffer.Api.Errors;
using Coffer.Api.Hosting;
using Coffer.Core.Errors;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Wires Coffer's request pipeline and endpoints into a web application.</summary>
public static class CofferApiApplicationExtensions
{
    /// <summary>Order matters: errors outermost, then the data-plane gate (challenge first), then routing.</summary>
    public static WebApplication UseCofferApi(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<CofferApiOptions>();
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseMiddleware<DataPlaneMiddleware>();
        app.UseRouting();
        app.MapSecretEndpoints();
        app.MapKeyEndpoints();
        app.MapManagedIdentityEndpoints(options.IdentityPath);
        app.MapManagementEndpoints();
        app.MapHostIdentityEndpoints(options);
        app.MapUserAssignedIdentityEndpoints(options.DnsSuffix);
        app.MapIdentityCredentialEndpoints(options.DnsSuffix);
        app.MapBareHostGroup(options).MapTokenEndpoints().MapDiscoveryEndpoints(options).MapServicePrincipalEndpoints();
        app.MapSubscriptionEndpoints();
        app.MapNotImplementedEndpoints();
        app.MapFallback(context => throw CofferErrors.NotFound(context.Request.Path.Value ?? "/"));
        return app;
    }
}
