using Coffer.Core.Audit;

namespace Coffer.Storage.Sqlite;

internal sealed partial class SqliteJournaledAuditStore
{
    private Task OpenAsync()
    {
        var opening = _opening;
        if (opening is null || opening.IsFaulted)
        {
            lock (_queueGate)
            {
                // A failed open (the database was locked) is tried again by the next caller.
                if (_opening is null || _opening.IsFaulted)
                {
                    _opening = Task.Run(OpenCoreAsync);
                }

                opening = _opening;
            }
        }

        return opening;
    }

    /// <summary>Indexes what a crash left in the journal, then starts the index loop with an empty journal.</summary>
    private async Task OpenCoreAsync()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // The database first: opening it creates the data directory the journal lives in.
        var indexed = await _index.ListChainsAsync(CancellationToken.None);
        _journal?.Dispose();
        _journal = SqliteAuditJournal.Open(_journalPath, out var journaled);
        _heads.Clear();
        foreach (var head in indexed)
        {
            _heads[head.ChainId] = head;
        }

        var missing = journaled.Where(record => record.Sequence > (_heads.GetValueOrDefault(record.ChainId)?.Sequence ?? 0)).ToList();
        if (missing.Count > 0)
        {
            await _index.AppendAsync(missing, CancellationToken.None);
            foreach (var record in missing)
            {
                _heads[record.ChainId] = new(record.ChainId, record.Sequence, record.Hash);
            }

            Log.AuditJournalRecovered(_logger, missing.Count);
        }

        _journal.Reset();
        _loop = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        var retryDelay = TimeSpan.Zero;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await _signal.WaitAsync(_stopping.Token);
                // Let records gather (a query's flush cuts this short), so one transaction carries many of them.
                await _urgent.WaitAsync(IndexInterval, _stopping.Token);
                await Task.Delay(retryDelay, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (!await IndexQueuedAsync())
            {
                retryDelay = retryDelay == TimeSpan.Zero ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, MaxRetryDelay.Ticks));
                Wake(urgent: false);
                continue;
            }

            retryDelay = TimeSpan.Zero;
            if (_journal!.Length > ResetAt)
            {
                await ResetJournalAsync();
            }
        }

        // Stopping: index what is left; the journal is reset only when the index holds every record in it.
        if (await IndexQueuedAsync())
        {
            await ResetJournalAsync();
        }
    }

    /// <summary>Copies everything queued into the index in one transaction; false (and everything kept) when that fails.</summary>
    private async Task<bool> IndexQueuedAsync()
    {
        List<AuditRecord> batch;
        long through;
        lock (_queueGate)
        {
            batch = _queue;
            _queue = [];
            through = _appended;
        }

        try
        {
            if (_reconcile)
            {
                // The last attempt may have committed before it failed: skip what the index already holds.
                var indexed = (await _index.ListChainsAsync(CancellationToken.None)).ToDictionary(head => head.ChainId, head => head.Sequence, StringComparer.Ordinal);
                batch.RemoveAll(record => record.Sequence <= indexed.GetValueOrDefault(record.ChainId));
                _reconcile = false;
            }

            if (batch.Count > 0)
            {
                await _index.AppendAsync(batch, CancellationToken.None);
            }
        }
        catch (Exception error)
        {
            List<(long Target, TaskCompletionSource Indexed)> failed;
            lock (_queueGate)
            {
                batch.AddRange(_queue);
                _queue = batch;
                failed = _flushes;
                _flushes = [];
            }

            _reconcile = true;
            Log.AuditIndexFailed(_logger, batch.Count, error.GetType().Name, error);
            foreach (var (_, waiter) in failed)
            {
                waiter.SetException(error);
            }

            return false;
        }

        List<TaskCompletionSource> done = [];
        lock (_queueGate)
        {
            _indexed = through;
            _flushes.RemoveAll(flush =>
            {
                if (flush.Target > through)
                {
                    return false;
                }

                done.Add(flush.Indexed);
                return true;
            });
        }

        foreach (var waiter in done)
        {
            waiter.SetResult();
        }

        return true;
    }

    /// <summary>Empties the journal, appends held off meanwhile, once the index holds everything in it.</summary>
    private async Task ResetJournalAsync()
    {
        await _appendGate.WaitAsync(CancellationToken.None);
        try
        {
            if (await IndexQueuedAsync())
            {
                _journal!.Reset();
            }
        }
        catch (Exception error)
        {
            // Harmless: the journal keeps records the index also has, and recovery skips those.
            Log.AuditJournalNotReset(_logger, error.GetType().Name, error);
        }
        finally
        {
            _appendGate.Release();
        }
    }
}
