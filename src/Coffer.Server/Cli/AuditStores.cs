using Coffer.Server.Hosting;

namespace Coffer.Server.Cli;

/// <summary>
/// The audit store a tool reads without a server (<c>coffer audit verify</c>): <c>sqlite</c> is the data directory's
/// <c>audit.db</c>; <c>postgres</c> is the shared database given by its connection string, holding every node's chain.
/// </summary>
internal static class AuditStores
{
    public static ServiceProvider Open(string store, string dataDirectory, string? connection)
    {
        var services = new ServiceCollection();
        switch (store)
        {
            case "sqlite":
                var path = Path.Combine(dataDirectory, "audit.db");
                if (!File.Exists(path))
                {
                    throw new UsageException($"There is no audit log at '{path}'. Pass the server's --data directory.");
                }

                // With no server running, this tool owns the log: what a crash left in the journal is indexed first.
                // Beside a running server it only reads what the server has indexed so far.
                var owned = DataDirectoryLock.TryAcquire(dataDirectory);
                if (owned is not null)
                {
                    services.AddSingleton(owned);
                }

                services.AddCofferSqliteAuditStore(path, TimeSpan.FromSeconds(5), journaled: owned is not null);
                break;
            case "postgres":
                if (string.IsNullOrWhiteSpace(connection))
                {
                    throw new UsageException($"coffer audit verify --store postgres needs --connection (or {ServeCommand.ConnectionVariable}).");
                }

                services.AddCofferPostgresStorage(connection);
                services.AddCofferPostgresAuditStore();
                break;
            default:
                throw new UsageException($"--store must be 'sqlite' or 'postgres', not '{store}'.");
        }

        return services.BuildServiceProvider();
    }
}
