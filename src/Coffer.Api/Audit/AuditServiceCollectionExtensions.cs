using Coffer.Api.Audit;
using Coffer.Core.Abstractions;

namespace Microsoft.Extensions.DependencyInjection;

public static class AuditServiceCollectionExtensions
{
    /// <summary>Appends every durable audit record to <paramref name="path"/> as one JSON line in Azure's shape.</summary>
    public static IServiceCollection AddAuditJsonLinesSink(this IServiceCollection services, string path)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IAuditSink>(_ => new AuditJsonLinesSink(path));
        return services;
    }
}
