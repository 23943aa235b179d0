using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Coffer.Storage.Sqlite;

/// <summary>
/// The SQLite database file: runs the schema migrations once, owns the single write connection and the lock that
/// serializes writers, and hands out pooled read-only connections. Reads take no lock: in WAL mode they run beside
/// the writer and see only committed data. Every write commits with <c>synchronous=FULL</c>, so it is on disk
/// when the store method returns.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private readonly SqliteStorageOptions _options;
    private readonly ILogger<SqliteDatabase> _logger;
    private readonly string _readConnectionString;
    private readonly string _writeConnectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private SqliteConnection? _writer;
    private volatile bool _initialized;
    private bool _disposed;

    public SqliteDatabase(SqliteStorageOptions options, ILogger<SqliteDatabase> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath);
        _options = options;
        _logger = logger;
        DatabasePath = Path.GetFullPath(options.DatabasePath);
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
        }.ToString();
        // The writer is one long-lived connection with its pragmas set once, so it is not pooled.
        _writeConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
    }

    public string DatabasePath { get; }

    /// <summary>Opens a pooled read-only connection; the caller disposes it.</summary>
    public async ValueTask<SqliteConnection> OpenReadAsync(CancellationToken cancellationToken)
    {
        if (!_initialized)
        {
            using var lease = await AcquireWriterAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits for the write connection; dispose the lease to let the next writer in.</summary>
    public async ValueTask<SqliteWriteLease> AcquireWriterAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_initialized)
            {
                _writer = await InitializeAsync(cancellationToken);
                _initialized = true;
            }

            // Set by InitializeAsync above or by an earlier writer; only cleared by Dispose, checked just before.
            return new SqliteWriteLease(_writer!, _writeLock);
        }
        catch
        {
            _writeLock.Release();
            throw;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        // Close pooled readers first so the writer is the last connection: closing it checkpoints and removes the WAL.
        using (var pooled = new SqliteConnection(_readConnectionString))
        {
            SqliteConnection.ClearPool(pooled);
        }

        _writer?.Dispose();
        _writer = null;
        _writeLock.Dispose();
    }

    private async Task<SqliteConnection> InitializeAsync(CancellationToken cancellationToken)
    {
        CreateFileIfMissing();
        var writer = new SqliteConnection(_writeConnectionString);
        try
        {
            await writer.OpenAsync(cancellationToken);
            var busyMilliseconds = (long)_options.BusyTimeout.TotalMilliseconds;
            await ExecuteAsync(writer, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {busyMilliseconds};"), null, cancellationToken);
            await using (var journal = writer.CreateCommand("PRAGMA journal_mode = WAL;"))
            {
                var mode = Convert.ToString(await journal.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) ?? "";
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    _logger.WalUnavailable(DatabasePath, mode);
                }
            }

            await ExecuteAsync(writer, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;", null, cancellationToken);
            var version = await MigrateAsync(writer, cancellationToken);
            _logger.DatabaseOpened(DatabasePath, version);
            return writer;
        }
        catch
        {
            await writer.DisposeAsync();
            throw;
        }
    }

    private async Task<int> MigrateAsync(SqliteConnection writer, CancellationToken cancellationToken)
    {
        // BEGIN IMMEDIATE: another process opening the same file at the same time waits instead of migrating twice.
        await using var transaction = writer.BeginTransaction(deferred: false);
        int current;
        await using (var read = writer.CreateCommand("PRAGMA user_version;", transaction))
        {
            current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        var migrations = _options.Migrations;
        var latest = migrations.Count;
        if (current > latest)
        {
            throw new InvalidOperationException(
                $"The database '{DatabasePath}' has schema version {current}, but this build of Coffer knows versions up to {latest}. Run a newer Coffer.");
        }

        if (current == latest)
        {
            return current;
        }

        for (var next = current; next < latest; next++)
        {
            await ExecuteAsync(writer, migrations[next], transaction, cancellationToken);
        }

        // PRAGMA takes no parameters; the value is our own constant.
        await ExecuteAsync(writer, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {latest};"), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _logger.SchemaMigrated(current, latest);
        return latest;
    }

    private void CreateFileIfMissing()
    {
        var directory = Path.GetDirectoryName(DatabasePath);
        if (OperatingSystem.IsWindows())
        {
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            return;
        }

        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (File.Exists(DatabasePath))
        {
            return;
        }

        // Create the file owner-only; SQLite gives the -wal and -shm files the same mode as the database file.
        try
        {
            using var file = new FileStream(DatabasePath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(DatabasePath))
        {
            // Another process created it first.
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(sql, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
