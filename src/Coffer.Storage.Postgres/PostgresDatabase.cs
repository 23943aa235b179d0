using Microsoft.Extensions.Logging;
using Npgsql;

namespace Coffer.Storage.Postgres;

/// <summary>
/// The PostgreSQL database: one pooled <see cref="NpgsqlDataSource"/> for every store, and the migration runner, which
/// runs once before the first connection is handed out. Many nodes share the database, so a store never holds a lock
/// in-process: writers serialize on row locks in the database, and every write commits (with PostgreSQL's default
/// synchronous commit) before the store method returns.
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<PostgresDatabase> _logger;
    private readonly SemaphoreSlim _migrateLock = new(1, 1);
    private volatile bool _migrated;

    public PostgresDatabase(PostgresStorageOptions options, ILogger<PostgresDatabase> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        Host = builder.Host;
        Name = builder.Database;
        _dataSource = NpgsqlDataSource.Create(builder);
        _logger = logger;
    }

    /// <summary>The server's host, for log messages and the CLI (the connection string itself is a credential).</summary>
    public string? Host { get; }

    /// <summary>The database's name, for log messages and the CLI.</summary>
    public string? Name { get; }

    /// <summary>Opens a pooled connection to a migrated database; the caller disposes it.</summary>
    public async ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            await MigrateAsync(cancellationToken);
        }

        return await _dataSource.OpenConnectionAsync(cancellationToken);
    }

    /// <summary>
    /// Applies the migrations this build knows and the database lacks, each in its own transaction under a
    /// transaction-scoped advisory lock, so nodes starting at once apply each migration once. Returns the schema version.
    /// </summary>
    /// <exception cref="InvalidOperationException">The database has a newer schema than this build knows.</exception>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await _migrateLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            var from = -1;
            while (true)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@lock)", PostgresSchema.MigrationLock, cancellationToken);
                await ExecuteAsync(connection, transaction, PostgresSchema.MigrationTable, null, cancellationToken);
                int current;
                await using (var read = connection.CreateCommand("SELECT COALESCE(max(version), 0) FROM schema_migrations", transaction))
                {
                    current = (int)(await read.ExecuteScalarAsync(cancellationToken))!;
                }

                from = from < 0 ? current : from;
                var latest = PostgresSchema.LatestVersion;
                if (current > latest)
                {
                    throw new InvalidOperationException(
                        $"The PostgreSQL database '{Name}' on '{Host}' has schema version {current}, but this build of Coffer knows versions up to {latest}. Run a newer Coffer.");
                }

                if (current == latest)
                {
                    await transaction.CommitAsync(cancellationToken);
                    if (!_migrated)
                    {
                        _logger.DatabaseOpened(Host, Name, current);
                    }

                    if (from < current)
                    {
                        _logger.SchemaMigrated(from, current);
                    }

                    _migrated = true;
                    return current;
                }

                await ExecuteAsync(connection, transaction, PostgresSchema.Migrations[current], null, cancellationToken);
                await using (var record = connection.CreateCommand(
                    "INSERT INTO schema_migrations (version, applied) VALUES (@version, extract(epoch FROM now())::bigint)", transaction))
                {
                    await record.With("@version", current + 1).ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            _migrateLock.Release();
        }
    }

    public void Dispose()
    {
        _dataSource.Dispose();
        _migrateLock.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        _migrateLock.Dispose();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, long? advisoryLock, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(sql, transaction);
        if (advisoryLock is { } key)
        {
            command.With("@lock", key);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
