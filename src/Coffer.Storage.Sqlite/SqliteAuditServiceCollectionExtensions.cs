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
    /// <remarks>
    /// <paramref name="journaled"/> is for the process that writes the log (the server, holding the data directory's
    /// lock): batches are made durable in <c>audit.journal</c> beside the database and indexed into it in the background,
    /// and what a crash left in the journal is indexed on open. Without it (a tool reading beside a running server)
    /// appends go straight to the database.
    /// </remarks>
    public static IServiceCollection AddCofferSqliteAuditStore(this IServiceCollection services, string databasePath, TimeSpan busyTimeout, bool journaled)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var options = new SqliteStorageOptions { DatabasePath = databasePath, BusyTimeout = busyTimeout, Migrations = SqliteAuditSchema.Migrations };
        services.AddSingleton<IAuditStore>(provider =>
        {
            var loggers = provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
            var store = new SqliteAuditStore(new SqliteDatabase(options, loggers.CreateLogger<SqliteDatabase>()));
            return journaled
                ? new SqliteJournaledAuditStore(store, Path.ChangeExtension(databasePath, ".journal"), loggers.CreateLogger<SqliteJournaledAuditStore>())
                : store;
        });
        return services;
    }
}
