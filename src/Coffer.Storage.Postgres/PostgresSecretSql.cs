namespace Coffer.Storage.Postgres;

/// <summary>
/// The secret store's SQL. A secret is one <c>secret_names</c> row (stored casing, latest version, soft-delete
/// state) and its <c>secret_versions</c> rows; "latest" is a join on <c>latest_seq</c>, so a read is one indexed query.
/// Writers of one name serialize on its <c>secret_names</c> row (<c>FOR UPDATE</c>), whichever node they run on.
/// </summary>
internal static class PostgresSecretSql
{
    /// <summary>Read by <see cref="PostgresSecretStore"/>'s row mapper in this order; deleted reads add <c>deleted_on</c>, <c>purge_on</c>.</summary>
    public const string VersionColumns =
        "n.name, v.seq, v.version, v.created, v.updated, v.enabled, v.nbf, v.exp, v.content_type, v.tags, v.value";

    public const string LatestJoin = "secret_names n JOIN secret_versions v ON v.seq = n.latest_seq";

    public const string AllVersionsJoin = "secret_names n JOIN secret_versions v ON v.vault_id = n.vault_id AND v.name_key = n.name_key";

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
        INSERT INTO secret_names (vault_id, name_key, name, latest_seq) VALUES (@vault, @name, @displayName, 0)
        ON CONFLICT (vault_id, name_key) DO NOTHING
        """;

    /// <summary>Locks the name row until commit: the next writer of this name waits here, so each sees the previous one's version.</summary>
    public const string LockName = """
        SELECT name, deleted_on IS NOT NULL FROM secret_names WHERE vault_id = @vault AND name_key = @name FOR UPDATE
        """;

    /// <summary>Inserts the version and makes it the latest in one statement; returns its sequence.</summary>
    public const string AddVersion = """
        WITH added AS (
            INSERT INTO secret_versions (vault_id, name_key, version, created, updated, enabled, nbf, exp, content_type, tags, value)
            VALUES (@vault, @name, @version, @created, @updated, @enabled, @nbf, @exp, @contentType, @tags, @value)
            RETURNING seq)
        UPDATE secret_names SET latest_seq = (SELECT seq FROM added)
        WHERE vault_id = @vault AND name_key = @name
        RETURNING latest_seq
        """;

    public const string InsertVersion = """
        INSERT INTO secret_versions (vault_id, name_key, version, created, updated, enabled, nbf, exp, content_type, tags, value)
        VALUES (@vault, @name, @version, @created, @updated, @enabled, @nbf, @exp, @contentType, @tags, @value)
        RETURNING seq
        """;

    public const string SetLatest = """
        UPDATE secret_names SET latest_seq = @seq WHERE vault_id = @vault AND name_key = @name
        """;

    /// <summary>
    /// One statement, so it is atomic: a null parameter keeps the column (tags only change when <c>@setTags</c>). The
    /// target is the given live version, or the latest when <c>@version</c> is null; returns the updated version.
    /// </summary>
    public const string Update = $"""
        WITH target AS (
            UPDATE secret_versions
            SET updated = @updated,
                enabled = COALESCE(@enabled, enabled),
                nbf = COALESCE(@nbf, nbf),
                exp = COALESCE(@exp, exp),
                content_type = COALESCE(@contentType, content_type),
                tags = CASE WHEN @setTags THEN @tags ELSE tags END
            WHERE seq = (
                SELECT v.seq FROM {AllVersionsJoin}
                WHERE n.vault_id = @vault AND n.name_key = @name AND n.deleted_on IS NULL
                  AND ((@version IS NULL AND v.seq = n.latest_seq) OR v.version = @version))
            RETURNING *)
        SELECT {VersionColumns} FROM secret_names n JOIN target v ON v.vault_id = n.vault_id AND v.name_key = n.name_key
        """;

    /// <summary>Soft-deletes and reads the deleted secret in one statement.</summary>
    public const string SoftDelete = $"""
        WITH n AS (
            UPDATE secret_names SET deleted_on = @deletedOn, purge_on = @purgeOn
            WHERE vault_id = @vault AND name_key = @name AND deleted_on IS NULL
            RETURNING *)
        SELECT {VersionColumns}, n.deleted_on, n.purge_on FROM n JOIN secret_versions v ON v.seq = n.latest_seq
        """;

    /// <summary>Recovers and reads the latest version in one statement.</summary>
    public const string Recover = $"""
        WITH n AS (
            UPDATE secret_names SET deleted_on = NULL, purge_on = NULL
            WHERE vault_id = @vault AND name_key = @name AND deleted_on IS NOT NULL
            RETURNING *)
        SELECT {VersionColumns} FROM n JOIN secret_versions v ON v.seq = n.latest_seq
        """;

    /// <summary>Versions go with their name row through <c>ON DELETE CASCADE</c>.</summary>
    public const string Purge = """
        DELETE FROM secret_names WHERE vault_id = @vault AND name_key = @name AND deleted_on IS NOT NULL
        """;

    public const string PurgeDue = """
        DELETE FROM secret_names WHERE purge_on IS NOT NULL AND purge_on <= @now
        """;
}
