namespace Coffer.Storage.Sqlite;

/// <summary>
/// The schema as an append-only list of migrations. Migration <c>n</c> (1-based) takes the database from version
/// <c>n - 1</c> to <c>n</c>; the current version is SQLite's <c>PRAGMA user_version</c>, set in the same transaction.
/// Never edit a shipped migration: add a new one.
/// </summary>
/// <remarks>
/// Conventions: ids are GUIDs as 32 lower-case hex digits (<c>"N"</c>), times are Unix seconds, booleans are 0/1,
/// name keys are the lower-case form of a name, and version strings are stored lower-case.
/// </remarks>
internal static class SqliteSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        // 1: vaults, data keys, secrets, identities, signing keys, role assignments, metadata.
        """
        CREATE TABLE vaults (
            id               TEXT    NOT NULL PRIMARY KEY,
            name             TEXT    NOT NULL COLLATE NOCASE UNIQUE,
            created          INTEGER NOT NULL,
            retention_days   INTEGER NOT NULL,
            purge_protection INTEGER NOT NULL
        );

        CREATE TABLE data_keys (
            id       TEXT    NOT NULL PRIMARY KEY,
            vault_id TEXT    NOT NULL,
            wrapped  BLOB    NOT NULL,
            created  INTEGER NOT NULL
        );
        CREATE INDEX data_keys_by_vault ON data_keys (vault_id, created);

        CREATE TABLE secret_names (
            vault_id   TEXT    NOT NULL,
            name_key   TEXT    NOT NULL,
            name       TEXT    NOT NULL,
            latest_seq INTEGER NOT NULL,
            deleted_on INTEGER NULL,
            purge_on   INTEGER NULL,
            PRIMARY KEY (vault_id, name_key)
        ) WITHOUT ROWID;
        CREATE INDEX secret_names_deleted ON secret_names (vault_id, name_key) WHERE deleted_on IS NOT NULL;
        CREATE INDEX secret_names_by_purge ON secret_names (purge_on) WHERE purge_on IS NOT NULL;

        CREATE TABLE secret_versions (
            seq          INTEGER PRIMARY KEY AUTOINCREMENT,
            vault_id     TEXT    NOT NULL,
            name_key     TEXT    NOT NULL,
            version      TEXT    NOT NULL,
            created      INTEGER NOT NULL,
            updated      INTEGER NOT NULL,
            enabled      INTEGER NOT NULL,
            nbf          INTEGER NULL,
            exp          INTEGER NULL,
            content_type TEXT    NULL,
            tags         TEXT    NULL,
            value        BLOB    NOT NULL,
            UNIQUE (vault_id, name_key, version),
            FOREIGN KEY (vault_id, name_key) REFERENCES secret_names (vault_id, name_key) ON DELETE CASCADE
        );
        CREATE INDEX secret_versions_by_name ON secret_versions (vault_id, name_key, seq);

        CREATE TABLE identities (
            principal_id    TEXT    NOT NULL PRIMARY KEY,
            name            TEXT    NOT NULL COLLATE NOCASE UNIQUE,
            client_id       TEXT    NOT NULL UNIQUE,
            credential_hash BLOB    NOT NULL UNIQUE,
            created         INTEGER NOT NULL
        );

        CREATE TABLE signing_keys (
            key_id              TEXT    NOT NULL PRIMARY KEY,
            wrapped_private_key BLOB    NOT NULL,
            created             INTEGER NOT NULL
        );

        CREATE TABLE role_assignments (
            id                 TEXT    NOT NULL PRIMARY KEY,
            principal_id       TEXT    NOT NULL,
            role_definition_id TEXT    NOT NULL,
            scope              TEXT    NOT NULL,
            created            INTEGER NOT NULL
        );
        CREATE INDEX role_assignments_by_principal ON role_assignments (principal_id);

        CREATE TABLE metadata (
            key   TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        """,

        // 2: vaults in resource groups, with their permission model and access policies; role assignments with who
        // made them and their principal type, one per principal, role and scope; the old "/vaults/{name}" scopes
        // become the vault's resource id (every vault so far is in the default resource group "coffer").
        """
        ALTER TABLE vaults ADD COLUMN resource_group     TEXT    NOT NULL DEFAULT 'coffer';
        ALTER TABLE vaults ADD COLUMN location           TEXT    NOT NULL DEFAULT 'local';
        ALTER TABLE vaults ADD COLUMN sku                TEXT    NOT NULL DEFAULT 'standard';
        ALTER TABLE vaults ADD COLUMN tags               TEXT    NULL;
        ALTER TABLE vaults ADD COLUMN rbac_authorization INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE vaults ADD COLUMN access_policies    TEXT    NULL;
        CREATE INDEX vaults_by_resource_group ON vaults (resource_group COLLATE NOCASE);

        ALTER TABLE role_assignments ADD COLUMN principal_type TEXT NOT NULL DEFAULT 'ServicePrincipal';
        ALTER TABLE role_assignments ADD COLUMN created_by     TEXT NULL;

        UPDATE role_assignments
        SET scope = '/subscriptions/' || (SELECT value FROM metadata WHERE key = 'subscription-id')
                    || '/resourceGroups/coffer/providers/Microsoft.KeyVault/vaults/' || substr(scope, 9)
        WHERE scope LIKE '/vaults/%' AND EXISTS (SELECT 1 FROM metadata WHERE key = 'subscription-id');
        DELETE FROM role_assignments WHERE scope LIKE '/vaults/%';

        DELETE FROM role_assignments WHERE rowid NOT IN (
            SELECT min(rowid) FROM role_assignments GROUP BY principal_id, role_definition_id, lower(scope));
        CREATE UNIQUE INDEX role_assignments_unique ON role_assignments (principal_id, role_definition_id, scope COLLATE NOCASE);
        """,

        // 3: managed identities as ARM resources (resource group, location, tags) with many workload credentials each;
        //    signing keys with an activation time, for rotation. The one credential of an existing identity carries over.
        """
        CREATE TABLE managed_identities (
            principal_id   TEXT    NOT NULL PRIMARY KEY,
            name           TEXT    NOT NULL COLLATE NOCASE UNIQUE,
            client_id      TEXT    NOT NULL UNIQUE,
            resource_group TEXT    NOT NULL,
            location       TEXT    NOT NULL,
            tags           TEXT    NOT NULL,
            created        INTEGER NOT NULL
        );
        CREATE INDEX managed_identities_by_group ON managed_identities (resource_group COLLATE NOCASE, name);

        CREATE TABLE workload_credentials (
            id           TEXT    NOT NULL PRIMARY KEY,
            principal_id TEXT    NOT NULL,
            hash         BLOB    NOT NULL UNIQUE,
            created      INTEGER NOT NULL,
            expires      INTEGER NULL,
            revoked      INTEGER NULL
        );
        CREATE INDEX workload_credentials_by_principal ON workload_credentials (principal_id);
        CREATE INDEX workload_credentials_revoked ON workload_credentials (revoked) WHERE revoked IS NOT NULL;

        INSERT INTO managed_identities (principal_id, name, client_id, resource_group, location, tags, created)
            SELECT principal_id, name, client_id, CASE WHEN name = 'dev' THEN 'dev' ELSE 'default' END, 'local', '{}', created FROM identities;
        INSERT INTO workload_credentials (id, principal_id, hash, created)
            SELECT lower(hex(randomblob(16))), principal_id, credential_hash, created FROM identities;
        DROP TABLE identities;

        ALTER TABLE signing_keys ADD COLUMN activates INTEGER NOT NULL DEFAULT 0;
        UPDATE signing_keys SET activates = created;
        """,

        // 4: service principals and their password credentials (the SHA-256 of each secret, never the secret).
        """
        CREATE TABLE service_principals (
            object_id    TEXT    NOT NULL PRIMARY KEY,
            app_id       TEXT    NOT NULL UNIQUE,
            display_name TEXT    NOT NULL COLLATE NOCASE UNIQUE,
            created      INTEGER NOT NULL
        );

        CREATE TABLE service_principal_passwords (
            key_id       TEXT    NOT NULL PRIMARY KEY,
            object_id    TEXT    NOT NULL REFERENCES service_principals (object_id) ON DELETE CASCADE,
            display_name TEXT    NULL,
            hint         TEXT    NOT NULL,
            start_time   INTEGER NOT NULL,
            end_time     INTEGER NOT NULL,
            secret_hash  BLOB    NOT NULL
        );
        CREATE INDEX service_principal_passwords_by_principal ON service_principal_passwords (object_id);
        """,

        // 5: each vault's network settings (Azure's networkAcls and publicNetworkAccess); existing vaults stay open.
        """
        ALTER TABLE vaults ADD COLUMN network_default_action TEXT NOT NULL DEFAULT 'Allow';
        ALTER TABLE vaults ADD COLUMN network_bypass         TEXT NOT NULL DEFAULT 'AzureServices';
        ALTER TABLE vaults ADD COLUMN network_ip_rules       TEXT NULL;
        ALTER TABLE vaults ADD COLUMN public_network_access  TEXT NOT NULL DEFAULT 'Enabled';
        """,

        // 6: keys and their versions (public parts in the clear, private material sealed), soft-delete state on
        //    the name row, rotation policies, and the Notify moments recorded by the rotation job.
        """
        CREATE TABLE key_names (
            vault_id   TEXT    NOT NULL,
            name_key   TEXT    NOT NULL,
            name       TEXT    NOT NULL,
            latest_seq INTEGER NOT NULL,
            deleted_on INTEGER NULL,
            purge_on   INTEGER NULL,
            PRIMARY KEY (vault_id, name_key)
        ) WITHOUT ROWID;
        CREATE INDEX key_names_deleted ON key_names (vault_id, name_key) WHERE deleted_on IS NOT NULL;
        CREATE INDEX key_names_by_purge ON key_names (purge_on) WHERE purge_on IS NOT NULL;

        CREATE TABLE key_versions (
            seq      INTEGER PRIMARY KEY AUTOINCREMENT,
            vault_id TEXT    NOT NULL,
            name_key TEXT    NOT NULL,
            version  TEXT    NOT NULL,
            kty      TEXT    NOT NULL,
            key_size INTEGER NOT NULL,
            key_ops  TEXT    NOT NULL,
            created  INTEGER NOT NULL,
            updated  INTEGER NOT NULL,
            enabled  INTEGER NOT NULL,
            nbf      INTEGER NULL,
            exp      INTEGER NULL,
            tags     TEXT    NULL,
            n        BLOB    NULL,
            e        BLOB    NULL,
            crv      TEXT    NULL,
            x        BLOB    NULL,
            y        BLOB    NULL,
            material BLOB    NOT NULL,
            UNIQUE (vault_id, name_key, version),
            FOREIGN KEY (vault_id, name_key) REFERENCES key_names (vault_id, name_key) ON DELETE CASCADE
        );
        CREATE INDEX key_versions_by_name ON key_versions (vault_id, name_key, seq);

        CREATE TABLE key_rotation_policies (
            vault_id    TEXT    NOT NULL,
            name_key    TEXT    NOT NULL,
            actions     TEXT    NOT NULL,
            expiry_time TEXT    NULL,
            created     INTEGER NOT NULL,
            updated     INTEGER NOT NULL,
            PRIMARY KEY (vault_id, name_key),
            FOREIGN KEY (vault_id, name_key) REFERENCES key_names (vault_id, name_key) ON DELETE CASCADE
        ) WITHOUT ROWID;

        CREATE TABLE key_notifications (
            seq      INTEGER PRIMARY KEY AUTOINCREMENT,
            vault_id TEXT    NOT NULL,
            name_key TEXT    NOT NULL,
            name     TEXT    NOT NULL,
            version  TEXT    NOT NULL,
            type     TEXT    NOT NULL,
            due      INTEGER NOT NULL,
            exp      INTEGER NULL,
            recorded INTEGER NOT NULL,
            UNIQUE (vault_id, name_key, version, type),
            FOREIGN KEY (vault_id, name_key) REFERENCES key_names (vault_id, name_key) ON DELETE CASCADE
        );
        """,

        // 7: vault lifecycle: a soft-deleted vault keeps its row (its name stays taken) with when it was deleted and when
        // the purge job removes it; management locks per scope.
        """
        ALTER TABLE vaults ADD COLUMN deleted_on INTEGER NULL;
        ALTER TABLE vaults ADD COLUMN purge_on   INTEGER NULL;
        CREATE INDEX vaults_deleted ON vaults (name) WHERE deleted_on IS NOT NULL;

        CREATE TABLE management_locks (
            scope  TEXT NOT NULL COLLATE NOCASE,
            name   TEXT NOT NULL COLLATE NOCASE,
            level  TEXT NOT NULL,
            notes  TEXT NULL,
            owners TEXT NULL,
            PRIMARY KEY (scope, name)
        ) WITHOUT ROWID;
        """,

        // 8: alert rules over the audit log, with their evaluation state. Operation names and result types are letters
        // only (validated), so they are kept comma-separated; the cursor's time is in Unix microseconds, the audit
        // log's precision, because it must name one record exactly.
        """
        CREATE TABLE alert_rules (
            resource_group  TEXT    NOT NULL COLLATE NOCASE,
            name            TEXT    NOT NULL COLLATE NOCASE,
            scope           TEXT    NOT NULL,
            operations      TEXT    NOT NULL,
            result_types    TEXT    NOT NULL,
            caller          TEXT    NULL,
            threshold       INTEGER NOT NULL,
            window_seconds  INTEGER NOT NULL,
            frequency_seconds INTEGER NOT NULL,
            webhook         TEXT    NOT NULL,
            enabled         INTEGER NOT NULL,
            severity        INTEGER NOT NULL,
            description     TEXT    NULL,
            last_evaluated  INTEGER NULL,
            last_fired      INTEGER NULL,
            cursor_time_us  INTEGER NULL,
            cursor_chain    TEXT    NULL,
            cursor_sequence INTEGER NULL,
            PRIMARY KEY (resource_group, name)
        ) WITHOUT ROWID;
        """,

        // 9: an alert rule's position in the audit log as one sequence per chain (arrival order, which a record's time
        // is not), for the records already sent and for those the last evaluation saw. A cursor kept by migration 8
        // becomes its chain's position; what the last evaluation saw is unknown until the next one.
        """
        ALTER TABLE alert_rules ADD COLUMN sent_sequences TEXT NULL;
        ALTER TABLE alert_rules ADD COLUMN seen_sequences TEXT NULL;
        UPDATE alert_rules SET sent_sequences = cursor_chain || ':' || cursor_sequence WHERE cursor_chain IS NOT NULL;
        ALTER TABLE alert_rules DROP COLUMN cursor_time_us;
        ALTER TABLE alert_rules DROP COLUMN cursor_chain;
        ALTER TABLE alert_rules DROP COLUMN cursor_sequence;
        """,
    ];

    public static int LatestVersion => Migrations.Count;
}
