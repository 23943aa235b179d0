using Coffer.Core.Abstractions;
using Coffer.Core.Audit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Microsoft.Extensions.DependencyInjection;

public static class CofferAuditServiceCollectionExtensions
{
    /// <summary>
    /// Registers this node's group-commit <see cref="AuditWriter"/> over the registered <see cref="IAuditStore"/>, with
    /// every registered <see cref="IAuditSink"/>. The container stops it (writing what is queued) at shutdown.
    /// </summary>
    public static IServiceCollection AddCofferAudit(this IServiceCollection services, AuditWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(provider => new AuditWriter(
            provider.GetRequiredService<IAuditStore>(),
            provider.GetServices<IAuditSink>(),
            options,
            (provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<AuditWriter>()));
        return services;
    }
}
