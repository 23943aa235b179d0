using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

// Group commit: with synchronous=FULL each commit costs an fsync, so one writer at a time tops out at the disk's fsync
// rate. Writers that arrive while another is committing queue up, and the next holder of the write connection runs all
// of them in one transaction: one fsync for the batch. Each write still returns only once its commit is on disk.
internal sealed partial class SqliteDatabase
{
    private readonly Lock _queueLock = new();
    private List<IQueuedWrite> _queue = [];

    /// <summary>
    /// Runs <paramref name="work"/> on the write connection inside a transaction it may share with other writers, and
    /// returns its result after that transaction has committed. The work runs in a savepoint of its own: if it throws,
    /// only its changes are rolled back and only its caller sees the exception; the batch's other writes commit. The
    /// work must not commit or roll back the transaction itself, nor wait for the writer (it already runs on it).
    /// <paramref name="cancellationToken"/> cancels only the wait for a turn; a write taken into a batch finishes with it.
    /// </summary>
    public async Task<T> WriteQueuedAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var write = new QueuedWrite<T>(work);
        lock (_queueLock)
        {
            _queue.Add(write);
        }

        SqliteWriteLease lease;
        try
        {
            lease = await AcquireWriterAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            lock (_queueLock)
            {
                if (_queue.Remove(write))
                {
                    throw;
                }
            }

            // An earlier writer's batch took this write already: its outcome is the answer.
            return await write.Result;
        }

        using (lease)
        {
            // Run by the writer who held the connection before us, or still queued and run now with whatever joined it.
            if (!write.Result.IsCompleted)
            {
                List<IQueuedWrite> batch;
                lock (_queueLock)
                {
                    batch = _queue;
                    _queue = [];
                }

                await RunBatchAsync(lease, batch);
            }
        }

        return await write.Result;
    }

    private static async Task RunBatchAsync(SqliteWriteLease lease, List<IQueuedWrite> batch)
    {
        var succeeded = new List<IQueuedWrite>(batch.Count);
        try
        {
            await using var transaction = lease.BeginTransaction();
            for (var i = 0; i < batch.Count; i++)
            {
                var savepoint = string.Create(CultureInfo.InvariantCulture, $"w{i}");
                await transaction.SaveAsync(savepoint);
                try
                {
                    await batch[i].RunAsync(lease.Connection, transaction);
                    await transaction.ReleaseAsync(savepoint);
                    succeeded.Add(batch[i]);
                }
                catch (Exception exception) when (exception is not SqliteException { SqliteErrorCode: 10 or 13 })
                {
                    // SQLITE_IOERR and SQLITE_FULL may have ended the transaction; anything else leaves it open.
                    await transaction.RollbackAsync(savepoint);
                    await transaction.ReleaseAsync(savepoint);
                    batch[i].Fail(exception);
                }
            }

            await transaction.CommitAsync();
        }
        catch (Exception exception)
        {
            // Nothing of the batch is durable: every write not yet failed on its own fails with the cause.
            foreach (var write in batch)
            {
                write.Fail(exception);
            }

            return;
        }

        foreach (var write in succeeded)
        {
            write.Complete();
        }
    }

    private interface IQueuedWrite
    {
        Task RunAsync(SqliteConnection connection, SqliteTransaction transaction);

        void Complete();

        void Fail(Exception exception);
    }

    private sealed class QueuedWrite<T> : IQueuedWrite
    {
        private readonly Func<SqliteConnection, SqliteTransaction, Task<T>> _work;
        // Continuations run on the pool, not inline while the batch still holds the write connection.
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _value;

        public QueuedWrite(Func<SqliteConnection, SqliteTransaction, Task<T>> work) => _work = work;

        public Task<T> Result => _result.Task;

        public async Task RunAsync(SqliteConnection connection, SqliteTransaction transaction) => _value = await _work(connection, transaction);

        public void Complete() => _result.TrySetResult(_value!);

        public void Fail(Exception exception) => _result.TrySetException(exception);
    }
}
