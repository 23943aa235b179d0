using Coffer.Core.Abstractions;
using Coffer.Storage.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Microsoft.Extensions.DependencyInjection;

public static class SqliteAuditServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IAuditStore"/> on its own SQLite file at <paramref name="databasePath"/> (the data
    /// directory's <c>audit.db</c>), with its own write connection. <paramref name="busyTimeout"/> is how long a
    /// batch waits for another process's lock before it fails (and its requests are refused).
    /// </summary>
    public static IServiceCollection AddCofferSqliteAuditStore(this IServiceCollection services, string databasePath, TimeSpan busyTimeout)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var options = new SqliteStorageOptions { DatabasePath = databasePath, BusyTimeout = busyTimeout, Migrations = SqliteAuditSchema.Migrations };
        services.AddSingleton<IAuditStore>(provider =>
        {
            var loggers = provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
            return new SqliteAuditStore(new SqliteDatabase(options, loggers.CreateLogger<SqliteDatabase>()));
        });
        return services;
    }
}
