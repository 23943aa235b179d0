using System.Globalization;
using Coffer.Server.Hosting;
using Coffer.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Coffer.Server.Cli;

/// <summary>
/// <c>coffer store migrate|copy</c>: brings a PostgreSQL store's schema up to date, or moves a SQLite deployment into
/// an empty one. Connection strings are credentials: they are read, never printed (the output names host and database).
/// </summary>
internal static class StoreCommand
{
    public const string Usage = """
        coffer store migrate [--connection STRING]
        coffer store copy --from DIR [--to STRING]

          migrate           apply the schema migrations this Coffer knows to the PostgreSQL database and print its
                            schema version (coffer serve --store postgres also does this at start)
          copy              copy the SQLite deployment in data directory DIR (DIR/coffer.db, as stored: sealed values
                            stay sealed, and the audit log DIR/audit.db with its chain) into an empty PostgreSQL
                            database, in one transaction, and print the rows per table. The server must be stopped;
                            afterwards serve with the same root key
          --connection, --to  an Npgsql connection string (Host=...;Database=...;Username=...;Password=...);
                            default COFFER_CONNECTION
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args.FirstOrDefault();
        if (verb is null or "--help" or "-h" || args.Any(a => a is "--help" or "-h"))
        {
            throw new HelpRequestedException(Usage, incomplete: verb is null);
        }

        var options = new Arguments(args[1..]);
        var connection = Environment.GetEnvironmentVariable(ServeCommand.ConnectionVariable);
        string? from = null;
        while (options.TryNext(out var option))
        {
            switch ((verb, option))
            {
                case ("migrate", "--connection") or ("copy", "--to"): connection = options.Value(option); break;
                case ("copy", "--from"): from = options.Value(option); break;
                default: throw new UsageException($"Unknown option '{option}' for 'coffer store {verb}'.");
            }
        }

        if (verb is not ("migrate" or "copy"))
        {
            throw new UsageException($"Unknown command 'coffer store {verb}'. Run 'coffer store --help'.");
        }

        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new UsageException($"coffer store {verb} needs {(verb == "copy" ? "--to" : "--connection")} (or {ServeCommand.ConnectionVariable}).");
        }

        if (verb == "copy" && from is null)
        {
            throw new UsageException("coffer store copy needs --from with the SQLite deployment's data directory.");
        }

        await using var database = new PostgresDatabase(new PostgresStorageOptions { ConnectionString = connection }, NullLogger<PostgresDatabase>.Instance);
        try
        {
            return verb == "migrate" ? await MigrateAsync(database) : await CopyAsync(from!, database);
        }
        catch (NpgsqlException e)
        {
            // Npgsql's messages name the host and the failure, never the password.
            throw new InvalidOperationException($"PostgreSQL database '{database.Name}' on '{database.Host}': {e.Message}", e);
        }
    }

    private static async Task<int> MigrateAsync(PostgresDatabase database)
    {
        var version = await database.MigrateAsync(CancellationToken.None);
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"PostgreSQL database '{database.Name}' on '{database.Host}' is at schema version {version}."));
        return 0;
    }

    private static async Task<int> CopyAsync(string dataDirectory, PostgresDatabase database)
    {
        var directory = Path.GetFullPath(dataDirectory);
        var path = Path.Combine(directory, "coffer.db");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"There is no Coffer database at '{path}'.");
        }

        // A running server could still be appending audit records, some of them only in its journal yet: the copy
        // takes the data directory for itself, and first moves what the journal holds into audit.db.
        using var directoryLock = DataDirectoryLock.TryAcquire(directory)
            ?? throw new InvalidOperationException($"A Coffer server is using the data directory {directory}. Stop it, then copy.");
        var auditPath = Path.Combine(directory, "audit.db");
        string? audit = null;
        if (File.Exists(auditPath))
        {
            await AuditStores.IndexJournalAsync(directory, directoryLock);
            audit = auditPath;
        }

        var counts = await PostgresStoreCopy.CopyAsync(path, audit, database, CancellationToken.None);
        var width = counts.Max(c => c.Table.Length);
        await Console.Out.WriteLineAsync($"Copied {path} to PostgreSQL database '{database.Name}' on '{database.Host}':");
        foreach (var (table, rows) in counts)
        {
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {table.PadRight(width)}  {rows,8}"));
        }

        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {"total".PadRight(width)}  {counts.Sum(c => c.Rows),8}"));
        return 0;
    }
}
