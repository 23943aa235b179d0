using Coffer.Core.Abstractions;
using Microsoft.Extensions.Logging;

namespace Coffer.Core.Audit;

/// <summary>
/// Group commit for this node's audit chain. Requests hand their record to <see cref="WriteAsync"/> and wait; one loop
/// takes everything queued while the previous batch was committing, seals it onto the chain and appends it in one
/// transaction, then completes every waiter at once. A failed batch fails all its waiters (who refuse their requests)
/// and the loop carries on: the next batch re-reads the chain head and succeeds once the store is writable again.
/// </summary>
public sealed class AuditWriter : IAsyncDisposable
{
    private readonly IAuditStore _store;
    private readonly IReadOnlyList<IAuditSink> _sinks;
    private readonly AuditWriterOptions _options;
    private readonly ILogger<AuditWriter> _logger;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private List<AuditRecord> _queue = [];
    private List<AuditRecord> _spare = [];
    private TaskCompletionSource _queued = NewCompletion();
    private AuditChainHead? _head;
    private bool _headKnown;

    public AuditWriter(IAuditStore store, IEnumerable<IAuditSink> sinks, AuditWriterOptions options, ILogger<AuditWriter> logger)
    {
        _store = store;
        _sinks = [.. sinks];
        _options = options;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Completes when the record is durable; faults when its batch could not be written.</summary>
    public Task WriteAsync(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Task durable;
        bool wake;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
            _queue.Add(record);
            durable = _queued.Task;
            wake = _queue.Count == 1;
        }

        if (wake && _signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // The loop was already woken.
            }
        }

        return durable;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _stopping.Cancel();
        }

        await _loop;
        _stopping.Dispose();
        _signal.Dispose();
    }

    private static TaskCompletionSource NewCompletion() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task RunAsync()
    {
        while (true)
        {
            try
            {
                await _signal.WaitAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                // Stopping: what is still queued is written below, then the loop ends.
            }

            bool more;
            do
            {
                // Requests already running on the thread pool get a turn to add their records first: a batch twice
                // as large costs no more fsyncs, and under load this is what keeps fsyncs per request low.
                await Task.Yield();
                more = await WriteQueuedAsync();
            }
            while (more);

            if (_stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Writes everything queued as one batch; true when more records arrived meanwhile.</summary>
    private async Task<bool> WriteQueuedAsync()
    {
        // Every waiter of a batch shares one completion, so a batch is never split: records are small, and a
        // transaction of thousands of rows still commits with one fsync.
        List<AuditRecord> batch;
        TaskCompletionSource completion;
        lock (_gate)
        {
            if (_queue.Count == 0)
            {
                return false;
            }

            batch = _queue;
            (_queue, _spare) = (_spare, batch);
            completion = _queued;
            _queued = NewCompletion();
        }

        var sealedBatch = new AuditRecord[batch.Count];
        try
        {
            if (!_headKnown)
            {
                _head = await _store.GetHeadAsync(_options.ChainId, CancellationToken.None);
                _headKnown = true;
            }

            var head = _head;
            for (var i = 0; i < batch.Count; i++)
            {
                sealedBatch[i] = AuditChain.Seal(batch[i], _options.ChainId, head);
                head = new AuditChainHead(_options.ChainId, sealedBatch[i].Sequence, sealedBatch[i].Hash);
            }

            await _store.AppendAsync(sealedBatch, CancellationToken.None);
            _head = head;
        }
        catch (Exception error)
        {
            // The head may or may not have moved (a commit can fail after it reached the disk): read it again next time.
            _headKnown = false;
            Log.AuditBatchFailed(_logger, batch.Count, error.GetType().Name, error);
            batch.Clear();
            completion.SetException(new AuditUnavailableException(error));
            return HasQueued();
        }

        batch.Clear();
        completion.SetResult();
        await NotifySinksAsync(sealedBatch);
        return HasQueued();
    }

    private bool HasQueued()
    {
        lock (_gate)
        {
            return _queue.Count > 0;
        }
    }

    private async Task NotifySinksAsync(AuditRecord[] records)
    {
        foreach (var sink in _sinks)
        {
            try
            {
                await sink.WriteAsync(records, CancellationToken.None);
            }
            catch (Exception error)
            {
                Log.AuditSinkFailed(_logger, sink.GetType().Name, records.Length, error);
            }
        }
    }
}
