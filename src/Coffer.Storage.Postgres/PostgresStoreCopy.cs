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
/// keep it.
/// </summary>
internal static class PostgresStoreCopy
{
    /// <summary>The SQLite schema version whose tables this copy knows; an older file is migrated by starting Coffer on it once.</summary>
    public const int SqliteSchemaVersion = 8;

    /// <summary>Parents before children, for the foreign keys.</summary>
    public static IReadOnlyList<string> Tables { get; } =
    [
        "metadata", "vaults", "data_keys", "secret_names", "secret_versions", "key_names", "key_versions", "key_rotation_policies",
        "key_notifications", "managed_identities", "workload_credentials", "signing_keys", "role_assignments", "service_principals",
        "service_principal_passwords", "management_locks", "alert_rules",
    ];

    /// <summary>Copies every table; returns the number of rows per table.</summary>
    /// <exception cref="InvalidOperationException">The source is missing or at another schema version, or the target is not empty.</exception>
    public static async Task<IReadOnlyList<(string Table, long Rows)>> CopyAsync(string sqliteDatabasePath, PostgresDatabase target, CancellationToken cancellationToken)
    {
        if (!File.Exists(sqliteDatabasePath))
        {
            throw new InvalidOperationException($"There is no Coffer database at '{sqliteDatabasePath}'.");
        }

        await using var source = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = sqliteDatabasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        await source.OpenAsync(cancellationToken);
        // One read transaction: a consistent snapshot even if a server is still writing (stop it first all the same).
        await using var snapshot = source.BeginTransaction(deferred: true);
        var version = Convert.ToInt32(await ScalarAsync(source, snapshot, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        if (version != SqliteSchemaVersion)
        {
            throw new InvalidOperationException(
                $"'{sqliteDatabasePath}' has SQLite schema version {version}; this Coffer copies version {SqliteSchemaVersion}. " +
                "Start this Coffer on the data directory once (it migrates the file), stop it, then copy.");
        }

        await using var connection = await target.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var table in Tables)
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
            counts.Add((table, await CopyTableAsync(source, snapshot, connection, transaction, table, cancellationToken)));
        }

        await transaction.CommitAsync(cancellationToken);
        return counts;
    }

    private static async Task<long> CopyTableAsync(
        SqliteConnection source, SqliteTransaction snapshot, NpgsqlConnection connection, NpgsqlTransaction transaction, string table, CancellationToken cancellationToken)
    {
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
}
