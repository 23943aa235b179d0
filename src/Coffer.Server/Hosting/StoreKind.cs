namespace Coffer.Server.Hosting;

/// <summary>The store behind a deployment (<c>coffer serve --store</c>).</summary>
public enum StoreKind
{
    /// <summary>One SQLite file in the data directory: one node.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by every node of a deployment.</summary>
    Postgres,
}
