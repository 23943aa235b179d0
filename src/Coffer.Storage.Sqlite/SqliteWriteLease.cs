using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

/// <summary>
/// Exclusive use of the database's one write connection, held until disposed. SQLite has a single writer,
/// so writers queue here in-process instead of spinning on <c>SQLITE_BUSY</c>.
/// </summary>
internal sealed class SqliteWriteLease : IDisposable
{
    private SemaphoreSlim? _writeLock;

    public SqliteWriteLease(SqliteConnection connection, SemaphoreSlim writeLock)
    {
        Connection = connection;
        _writeLock = writeLock;
    }

    public SqliteConnection Connection { get; }

    /// <summary>Starts a <c>BEGIN IMMEDIATE</c> transaction: the write lock is taken up front, so it cannot fail halfway on a lock upgrade.</summary>
    public SqliteTransaction BeginTransaction() => Connection.BeginTransaction(deferred: false);

    public void Dispose() => Interlocked.Exchange(ref _writeLock, null)?.Release();
}
