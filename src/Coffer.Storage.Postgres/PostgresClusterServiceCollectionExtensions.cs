using Coffer.Core.Abstractions;
using Coffer.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Microsoft.Extensions.DependencyInjection;

public static class PostgresClusterServiceCollectionExtensions
{
    /// <summary>
    /// Makes this node one of many on the PostgreSQL database registered by <c>AddCofferPostgresStorage</c>: caches
    /// hear other nodes' changes through LISTEN/NOTIFY, and background jobs run under leases in the database.
    /// </summary>
    public static IServiceCollection AddCofferPostgresCluster(this IServiceCollection services, TimeSpan? leaseDuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = leaseDuration is { } duration ? new PostgresClusterOptions { LeaseDuration = duration } : new PostgresClusterOptions();
        services.AddSingleton(options);
        services.AddSingleton(provider =>
        {
            var feed = new PostgresChangeFeed(provider.GetRequiredService<PostgresDatabase>(), options, Time(provider), Loggers(provider).CreateLogger<PostgresChangeFeed>());
            feed.Start();
            return feed;
        });
        services.AddSingleton(provider =>
            new PostgresJobLease(provider.GetRequiredService<PostgresDatabase>(), options, Time(provider), Loggers(provider).CreateLogger<PostgresJobLease>()));
        services.RemoveAll<IChangeFeed>();
        services.RemoveAll<IJobLease>();
        services.AddSingleton<IChangeFeed>(provider => provider.GetRequiredService<PostgresChangeFeed>());
        services.AddSingleton<IJobLease>(provider => provider.GetRequiredService<PostgresJobLease>());
        return services;
    }

    private static TimeProvider Time(IServiceProvider provider) => provider.GetService<TimeProvider>() ?? TimeProvider.System;

    private static ILoggerFactory Loggers(IServiceProvider provider) => provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
}
