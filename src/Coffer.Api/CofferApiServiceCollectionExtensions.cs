using Coffer.Api.Alerts;
using Coffer.Api.Endpoints;
using Coffer.Api.Hosting;
using Coffer.Core.Alerts;

namespace Microsoft.Extensions.DependencyInjection;

public static class CofferApiServiceCollectionExtensions
{
    public static IServiceCollection AddCofferApi(this IServiceCollection services, CofferApiOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<Challenge>();
        services.AddSingleton<ClientCredentialsGrant>();
        services.AddSingleton<ClientAddressResolver>();
        services.AddSingleton<DataPlaneFirewall>();
        services.AddSingleton<IAlertSender, AlertWebhookSender>();
        return services;
    }
}
