using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Coffer.Storage.Postgres;

/// <summary>
/// <c>coffer store copy</c>: moves a SQLite deployment's rows, as stored, into an empty PostgreSQL database in one
/// transaction. Sealed values stay sealed, so the copy needs the same root key afterwards. The two schemas have the same
/// tables and columns, so each row is copied column by column, converted only where the types differ (SQLite's 0/1 to
/// <c>boolean</c>); tables SQLite orders by <c>rowid</c> are copied in that order, so the <c>seq</c> identity columns
/// keep it. The audit log (<c>audit.db</c>) is copied in the same transaction, its records and chain heads as they are,
/// so its chain still verifies in PostgreSQL; the nodes serving from there start chains of their own.
/// </summary>
internal static class PostgresStoreCopy
{
    /// <summary>The SQLite schema version whose tables this copy knows; an older file is migrated by starting Coffer on it once.</summary>
    public const int SqliteSchemaVersion = 9;

    /// <summary>The schema version of <c>audit.db</c> whose tables this copy knows.</summary>
    public const int SqliteAuditSchemaVersion = 1;

    /// <summary>Parents before children, for the foreign keys.</summary>
    public static IReadOnlyList<string> Tables { get; } =
    [
        "metadata", "vaults", "data_keys", "secret_names", "secret_versions", "key_names", "key_versions", "key_rotation_policies",
        "key_notifications", "managed_identities", "workload_credentials", "signing_keys", "role_assignments", "service_principals",
        "service_principal_passwords", "management_locks", "alert_rules",
    ];

    /// <summary>The audit log's tables, from <c>audit.db</c>.</summary>
    public static IReadOnlyList<string> AuditTables { get; } = ["audit_records", "audit_chains"];

    /// <summary>Copies every table, and the audit log's when <paramref name="sqliteAuditPath"/> is given; returns the number of rows per table.</summary>
    /// <exception cref="InvalidOperationException">A source is missing or at another schema version, or the target is not empty.</exception>
    public static async Task<IReadOnlyList<(string Table, long Rows)>> CopyAsync(
        string sqliteDatabasePath, string? sqliteAuditPath, PostgresDatabase target, CancellationToken cancellationToken)
    {
        await using var source = await OpenSnapshotAsync(sqliteDatabasePath, SqliteSchemaVersion, cancellationToken);
        await using var audit = sqliteAuditPath is null ? null : await OpenSnapshotAsync(sqliteAuditPath, SqliteAuditSchemaVersion, cancellationToken);

        await using var connection = await target.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var table in Tables.Concat(AuditTables))
        {
            await using var any = connection.CreateCommand($"SELECT EXISTS (SELECT 1 FROM {table})", transaction);
            if ((bool)(await any.ExecuteScalarAsync(cancellationToken))!)
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL database '{target.Name}' already holds data (table {table}); coffer store copy only fills an empty one.");
            }
        }

        var counts = new List<(string, long)>();
        foreach (var table in Tables)
        {
            counts.Add((table, await CopyTableAsync(source, connection, transaction, table, cancellationToken)));
        }

        foreach (var table in audit is null ? [] : AuditTables)
        {
            counts.Add((table, await CopyTableAsync(audit!, connection, transaction, table, cancellationToken)));
        }

        await transaction.CommitAsync(cancellationToken);
        return counts;
    }

    /// <summary>A read-only connection to a Coffer SQLite file at <paramref name="schemaVersion"/>, inside one read transaction.</summary>
    private static async Task<Snapshot> OpenSnapshotAsync(string path, int schemaVersion, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"There is no Coffer database at '{path}'.");
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            // One read transaction: a consistent snapshot of the file.
            var snapshot = new Snapshot(connection, connection.BeginTransaction(deferred: true));
            var version = Convert.ToInt32(await ScalarAsync(connection, snapshot.Transaction, "PRAGMA user_version"), CultureInfo.InvariantCulture);
            if (version != schemaVersion)
            {
                await snapshot.DisposeAsync();
                throw new InvalidOperationException(
                    $"'{path}' has SQLite schema version {version}; this Coffer copies version {schemaVersion}. " +
                    "Start this Coffer on the data directory once (it migrates the file), stop it, then copy.");
            }

            return snapshot;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<long> CopyTableAsync(
        Snapshot from, NpgsqlConnection connection, NpgsqlTransaction transaction, string table, CancellationToken cancellationToken)
    {
        var (source, snapshot) = (from.Connection, from.Transaction);
        var sourceColumns = await SourceColumnsAsync(source, snapshot, table, cancellationToken);
        var targetColumns = await TargetColumnsAsync(connection, transaction, table, cancellationToken);
        var missing = sourceColumns.Where(c => !targetColumns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"The PostgreSQL table {table} has no column {missing[0]}: its schema does not match this Coffer's.");
        }

        // Only the seq identity columns exist in PostgreSQL alone; they are filled in rowid order.
        var ordered = targetColumns.ContainsKey("seq") && !sourceColumns.Contains("seq");
        var columns = string.Join(", ", sourceColumns);
        await using var read = source.CreateCommand();
        read.Transaction = snapshot;
        read.CommandText = $"SELECT {columns} FROM {table}{(ordered ? " ORDER BY rowid" : "")}";
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        long rows = 0;
        await using (var writer = await connection.BeginBinaryImportAsync($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                await writer.StartRowAsync(cancellationToken);
                for (var i = 0; i < sourceColumns.Count; i++)
                {
                    await WriteAsync(writer, reader, i, targetColumns[sourceColumns[i]], cancellationToken);
                }

                rows++;
            }

            await writer.CompleteAsync(cancellationToken);
        }

        if (sourceColumns.Contains("seq"))
        {
            // Explicit sequences were copied: the identity continues after the largest.
            await using var restart = connection.CreateCommand(
                $"SELECT setval(pg_get_serial_sequence('{table}', 'seq'), COALESCE(max(seq), 0) + 1, false) FROM {table}", transaction);
            await restart.ExecuteNonQueryAsync(cancellationToken);
        }

        return rows;
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter writer, SqliteDataReader reader, int ordinal, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (reader.IsDBNull(ordinal))
        {
            await writer.WriteNullAsync(cancellationToken);
            return;
        }

        switch (type)
        {
            case NpgsqlDbType.Boolean: await writer.WriteAsync(reader.GetInt64(ordinal) != 0, type, cancellationToken); break;
            case NpgsqlDbType.Bigint: await writer.WriteAsync(reader.GetInt64(ordinal), type, cancellationToken); break;
            case NpgsqlDbType.Integer: await writer.WriteAsync(reader.GetInt32(ordinal), type, cancellationToken); break;
            case NpgsqlDbType.Bytea: await writer.WriteAsync(reader.GetFieldValue<byte[]>(ordinal), type, cancellationToken); break;
            default: await writer.WriteAsync(reader.GetString(ordinal), NpgsqlDbType.Text, cancellationToken); break;
        }
    }

    private static async Task<List<string>> SourceColumnsAsync(SqliteConnection source, SqliteTransaction snapshot, string table, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = "SELECT name FROM pragma_table_info($table) ORDER BY cid";
        command.Parameters.AddWithValue("$table", table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private static async Task<Dictionary<string, NpgsqlDbType>> TargetColumnsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table", transaction)
            .With("@table", table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = new Dictionary<string, NpgsqlDbType>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns[reader.GetString(0)] = reader.GetString(1) switch
            {
                "boolean" => NpgsqlDbType.Boolean,
                "bigint" => NpgsqlDbType.Bigint,
                "integer" => NpgsqlDbType.Integer,
                "bytea" => NpgsqlDbType.Bytea,
                _ => NpgsqlDbType.Text,
            };
        }

        return columns;
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private sealed record Snapshot(SqliteConnection Connection, SqliteTransaction Transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
