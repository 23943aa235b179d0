using Coffer.Api.Audit;
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
    /// <summary>
    /// Order matters: the audit record outermost (it sees the final status and holds the response until the record is
    /// durable), then errors, then routing (so even a request the data-plane gate refuses is recorded with the operation
    /// it aimed at), then the data-plane gate (challenge first).
    /// </summary>
    public static WebApplication UseCofferApi(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<CofferApiOptions>();
        app.UseMiddleware<AuditMiddleware>();
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseRouting();
        app.UseMiddleware<DataPlaneMiddleware>();
        app.MapSecretEndpoints();
        app.MapKeyEndpoints();
        app.MapManagedIdentityEndpoints(options.IdentityPath);
        app.MapManagementEndpoints();
        app.MapAuditEndpoints();
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
