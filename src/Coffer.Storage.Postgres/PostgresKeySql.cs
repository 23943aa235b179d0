namespace Coffer.Storage.Postgres;

/// <summary>
/// The key store's SQL, shaped as the secret store's: one <c>key_names</c> row (stored casing, latest version,
/// soft-delete state) and its <c>key_versions</c> rows, with a rotation policy and notifications beside them. Writers of
/// one name serialize on its <c>key_names</c> row (<c>FOR UPDATE</c>), whichever node they run on.
/// </summary>
internal static class PostgresKeySql
{
    /// <summary>Read by <see cref="PostgresKeyStore"/>'s row mapper in this order; deleted reads add <c>deleted_on</c>, <c>purge_on</c>.</summary>
    public const string VersionColumns =
        "n.name, v.seq, v.version, v.kty, v.key_size, v.key_ops, v.created, v.updated, v.enabled, v.nbf, v.exp, v.tags, v.n, v.e, v.crv, v.x, v.y, v.material";

    public const string LatestJoin = "key_names n JOIN key_versions v ON v.seq = n.latest_seq";

    public const string AllVersionsJoin = "key_names n JOIN key_versions v ON v.vault_id = n.vault_id AND v.name_key = n.name_key";

    public const string GetLatest = $"""
        SELECT {VersionColumns} FROM {LatestJoin}
        WHERE n.vault_id = @vault AND n.name_key = @name AND n.deleted_on IS NULL
        """;

    public const string GetVersion = $"""
        SELECT {VersionColumns} FROM {AllVersionsJoin}
        WHERE n.vault_id = @vault AND n.name_key = @name AND n.deleted_on IS NULL AND v.version = @version
        """;

    public const string List = $"""
        SELECT {VersionColumns} FROM {LatestJoin}
        WHERE n.vault_id = @vault AND n.deleted_on IS NULL AND n.name_key > @after
        ORDER BY n.name_key LIMIT @take
        """;

    /// <summary>A null <c>@take</c> means no limit (<c>LIMIT NULL</c>), used for <c>GetAllVersionsAsync</c>.</summary>
    public const string ListVersions = $"""
        SELECT {VersionColumns} FROM {AllVersionsJoin}
        WHERE n.vault_id = @vault AND n.name_key = @name AND n.deleted_on IS NULL AND v.seq > @after
        ORDER BY v.seq LIMIT @take
        """;

    public const string GetDeleted = $"""
        SELECT {VersionColumns}, n.deleted_on, n.purge_on FROM {LatestJoin}
        WHERE n.vault_id = @vault AND n.name_key = @name AND n.deleted_on IS NOT NULL
        """;

    public const string ListDeleted = $"""
        SELECT {VersionColumns}, n.deleted_on, n.purge_on FROM {LatestJoin}
        WHERE n.vault_id = @vault AND n.deleted_on IS NOT NULL AND n.name_key > @after
        ORDER BY n.name_key LIMIT @take
        """;

    /// <summary>Creates the name row unless it exists (one row affected when it was new); a concurrent creator's insert is waited for.</summary>
    public const string EnsureName = """
        INSERT INTO key_names (vault_id, name_key, name, latest_seq) VALUES (@vault, @name, @displayName, 0)
        ON CONFLICT (vault_id, name_key) DO NOTHING
        """;

    /// <summary>
    /// Locks the name row until commit and reads the stored casing, whether it is deleted, and the latest version (null
    /// while a new name has none): the next writer of this name waits here, so the <c>ifLatest</c> check cannot race.
    /// </summary>
    public const string LockName = """
        SELECT n.name, n.deleted_on IS NOT NULL, v.version
        FROM key_names n LEFT JOIN key_versions v ON v.seq = n.latest_seq
        WHERE n.vault_id = @vault AND n.name_key = @name
        FOR UPDATE OF n
        """;

    public const string InsertVersion = """
        INSERT INTO key_versions (vault_id, name_key, version, kty, key_size, key_ops, created, updated, enabled, nbf, exp, tags, n, e, crv, x, y, material)
        VALUES (@vault, @name, @version, @kty, @keySize, @keyOps, @created, @updated, @enabled, @nbf, @exp, @tags, @n, @e, @crv, @x, @y, @material)
        RETURNING seq
        """;

    /// <summary>Inserts the version and makes it the latest in one statement; returns its sequence.</summary>
    public const string AddVersion = $"""
        WITH added AS ({InsertVersion})
        UPDATE key_names SET latest_seq = (SELECT seq FROM added)
        WHERE vault_id = @vault AND name_key = @name
        RETURNING latest_seq
        """;

    public const string SetLatest = """
        UPDATE key_names SET latest_seq = @seq WHERE vault_id = @vault AND name_key = @name
        """;

    /// <summary>One statement, so it is atomic: a null parameter keeps the column (tags only change when <c>@setTags</c>).</summary>
    public const string Update = $"""
        WITH target AS (
            UPDATE key_versions
            SET updated = @updated,
                enabled = COALESCE(@enabled, enabled),
                nbf = COALESCE(@nbf, nbf),
                exp = COALESCE(@exp, exp),
                key_ops = COALESCE(@keyOps, key_ops),
                tags = CASE WHEN @setTags THEN @tags ELSE tags END
            WHERE seq = (
                SELECT v.seq FROM {AllVersionsJoin}
                WHERE n.vault_id = @vault AND n.name_key = @name AND n.deleted_on IS NULL
                  AND ((@version IS NULL AND v.seq = n.latest_seq) OR v.version = @version))
            RETURNING *)
        SELECT {VersionColumns} FROM key_names n JOIN target v ON v.vault_id = n.vault_id AND v.name_key = n.name_key
        """;

    /// <summary>Soft-deletes and reads the deleted key in one statement.</summary>
    public const string SoftDelete = $"""
        WITH n AS (
            UPDATE key_names SET deleted_on = @deletedOn, purge_on = @purgeOn
            WHERE vault_id = @vault AND name_key = @name AND deleted_on IS NULL
            RETURNING *)
        SELECT {VersionColumns}, n.deleted_on, n.purge_on FROM n JOIN key_versions v ON v.seq = n.latest_seq
        """;

    /// <summary>Recovers and reads the latest version in one statement.</summary>
    public const string Recover = $"""
        WITH n AS (
            UPDATE key_names SET deleted_on = NULL, purge_on = NULL
            WHERE vault_id = @vault AND name_key = @name AND deleted_on IS NOT NULL
            RETURNING *)
        SELECT {VersionColumns} FROM n JOIN key_versions v ON v.seq = n.latest_seq
        """;

    /// <summary>Versions, the policy and notifications go with their name row through <c>ON DELETE CASCADE</c>.</summary>
    public const string Purge = """
        DELETE FROM key_names WHERE vault_id = @vault AND name_key = @name AND deleted_on IS NOT NULL
        """;

    public const string PurgeDue = """
        DELETE FROM key_names WHERE purge_on IS NOT NULL AND purge_on <= @now
        """;

    public const string GetPolicy = """
        SELECT actions, expiry_time, created, updated FROM key_rotation_policies WHERE vault_id = @vault AND name_key = @name
        """;

    /// <summary>Only for a live key: the INSERT selects from its name row.</summary>
    public const string UpsertPolicy = """
        INSERT INTO key_rotation_policies (vault_id, name_key, actions, expiry_time, created, updated)
        SELECT vault_id, name_key, @actions, @expiryTime, @created, @updated FROM key_names
        WHERE vault_id = @vault AND name_key = @name AND deleted_on IS NULL
        ON CONFLICT (vault_id, name_key) DO UPDATE SET actions = excluded.actions, expiry_time = excluded.expiry_time, updated = excluded.updated
        """;

    public const string ListWithPolicy = $"""
        SELECT {VersionColumns}, n.vault_id, p.actions, p.expiry_time, p.created, p.updated
        FROM {LatestJoin} JOIN key_rotation_policies p ON p.vault_id = n.vault_id AND p.name_key = n.name_key
        WHERE n.deleted_on IS NULL AND p.actions <> ''
        """;

    public const string InsertNotification = """
        INSERT INTO key_notifications (vault_id, name_key, name, version, type, due, exp, recorded)
        VALUES (@vault, @nameKey, @name, @version, @type, @due, @exp, @recorded)
        ON CONFLICT (vault_id, name_key, version, type) DO NOTHING
        """;

    public const string ListNotifications = """
        SELECT seq, vault_id, name, version, type, due, exp, recorded FROM key_notifications
        WHERE seq > @after ORDER BY seq LIMIT @take
        """;
}
