namespace Coffer.Storage.Sqlite;

/// <summary>
/// The audit log's own database file (<c>audit.db</c>), so auditing never queues behind data writes. Times are Unix
/// microseconds; <c>audit_chains</c> keeps each chain's head, so retention never loses where a chain continues.
/// </summary>
internal static class SqliteAuditSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE audit_records (
            chain_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            time_us INTEGER NOT NULL,
            resource_id TEXT NOT NULL,
            vault_name TEXT COLLATE NOCASE,
            operation_name TEXT NOT NULL COLLATE NOCASE,
            operation_version TEXT,
            category TEXT NOT NULL,
            result_type TEXT NOT NULL COLLATE NOCASE,
            result_signature TEXT NOT NULL,
            result_description TEXT,
            duration_ms INTEGER NOT NULL,
            caller_ip_address TEXT,
            correlation_id TEXT,
            has_identity INTEGER NOT NULL,
            identity_oid TEXT COLLATE NOCASE,
            identity_appid TEXT COLLATE NOCASE,
            identity_upn TEXT,
            identity_tid TEXT,
            client_info TEXT,
            request_uri TEXT NOT NULL,
            http_status_code INTEGER NOT NULL,
            object_uri TEXT,
            decided_by INTEGER NOT NULL,
            PRIMARY KEY (chain_id, sequence)
        );
        CREATE INDEX ix_audit_records_time ON audit_records (time_us, chain_id, sequence);
        CREATE TABLE audit_chains (
            chain_id TEXT NOT NULL PRIMARY KEY,
            sequence INTEGER NOT NULL,
            hash TEXT NOT NULL
        );
        """,
    ];
}
