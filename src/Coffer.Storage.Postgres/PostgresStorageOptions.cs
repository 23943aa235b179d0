namespace Coffer.Storage.Postgres;

/// <summary>Where the PostgreSQL database is. The connection string is a credential: it is never logged.</summary>
internal sealed class PostgresStorageOptions
{
    /// <summary>An Npgsql connection string (<c>Host=…;Database=…;Username=…;Password=…</c>).</summary>
    public required string ConnectionString { get; init; }
}
