using System.Globalization;

namespace Coffer.Storage.Postgres;

/// <summary>How the nodes sharing one PostgreSQL database find each other's changes and share background work.</summary>
internal sealed class PostgresClusterOptions
{
    /// <summary>How long a job lease lasts unless renewed (renewed every third of it): a dead holder's jobs move within about this long.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>This node's name in the lease table: host, process and a random part, so a restarted process is a new holder.</summary>
    public string NodeName { get; init; } = string.Create(CultureInfo.InvariantCulture,
        $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}");

    /// <summary>How often an idle change-feed connection is checked, so a silently dead one is replaced.</summary>
    public TimeSpan FeedKeepAlive { get; init; } = TimeSpan.FromSeconds(10);
}
