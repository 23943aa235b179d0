namespace Coffer.Server.Cli;

/// <summary>
/// The audit store a tool reads without a server (<c>coffer audit verify</c>): <c>sqlite</c> is the data directory's
/// <c>audit.db</c>. Another store plugs in here by name.
/// </summary>
internal static class AuditStores
{
    public static ServiceProvider Open(string store, string dataDirectory)
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

                services.AddCofferSqliteAuditStore(path, TimeSpan.FromSeconds(5));
                break;
            default:
                throw new UsageException($"--store must be 'sqlite', not '{store}'.");
        }

        return services.BuildServiceProvider();
    }
}
