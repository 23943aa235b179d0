using Coffer.Core.Abstractions;
using Coffer.Server.Hosting;

namespace Coffer.Server.Cli;

/// <summary>
/// The audit store a tool reads without a server (<c>coffer audit verify</c>): <c>sqlite</c> is the data directory's
/// <c>audit.db</c>; <c>postgres</c> is the shared database given by its connection string, holding every node's chain.
/// </summary>
internal static class AuditStores
{
    /// <summary>The store to read; with <c>sqlite</c>, <paramref name="owned"/> is the data directory's lock when the caller holds it already.</summary>
    public static ServiceProvider Open(string store, string dataDirectory, string? connection, DataDirectoryLock? owned = null)
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
                owned ??= DataDirectoryLock.TryAcquire(dataDirectory);
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

    /// <summary>
    /// Moves what a crash left in the SQLite audit journal into <c>audit.db</c>, so the file holds every durable record.
    /// The caller owns the data directory: no server is appending meanwhile.
    /// </summary>
    public static async Task IndexJournalAsync(string dataDirectory, DataDirectoryLock owned)
    {
        await using var stores = Open("sqlite", dataDirectory, connection: null, owned);
        // Opening the journaled store indexes the journal's records before it answers.
        await stores.GetRequiredService<IAuditStore>().ListChainsAsync(CancellationToken.None);
    }
}
