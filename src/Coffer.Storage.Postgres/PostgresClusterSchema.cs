namespace Coffer.Storage.Postgres;

/// <summary>The cluster's own tables, appended to <see cref="PostgresSchema.Migrations"/>.</summary>
internal static class PostgresClusterSchema
{
    /// <summary>
    /// One row per background job: the node holding it and until when (Unix milliseconds, by the holder's clock, so
    /// nodes keep their clocks in sync with NTP). Taken and renewed by one upsert; see <see cref="PostgresJobLease"/>.
    /// </summary>
    public const string JobLeases = """
        CREATE TABLE job_leases (
            job      text COLLATE "C" NOT NULL PRIMARY KEY,
            holder   text   NOT NULL,
            acquired bigint NOT NULL,
            expires  bigint NOT NULL
        );
        """;
}
