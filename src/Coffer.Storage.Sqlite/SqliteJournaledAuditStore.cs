using Coffer.Core.Abstractions;
using Coffer.Core.Audit;
using Coffer.Core.Paging;
using Microsoft.Extensions.Logging;

namespace Coffer.Storage.Sqlite;

/// <summary>
/// The server's audit store: a batch is durable once it is in <see cref="SqliteAuditJournal"/> (one write, one fsync),
/// and a background loop copies what the journal holds into <c>audit.db</c> (<see cref="SqliteAuditStore"/>) in large
/// transactions, where queries find it. Reads first wait until everything appended before them is indexed, so a query
/// never misses an acknowledged record. Once the index holds all of it, the journal starts over.
/// </summary>
/// <remarks>
/// On open, whatever a crash left in the journal and not yet in the index is indexed first. The chain heads are kept
/// in memory, so a batch that does not continue its chain (a duplicate or a gap) is refused before it is written.
/// If the index falls <see cref="DefaultMaxBacklog"/> records behind (the database is locked or full), appends are refused too,
/// and requests with them: memory is never the only place a record is.
/// </remarks>
internal sealed partial class SqliteJournaledAuditStore : IAuditStore, IAsyncDisposable, IDisposable
{
    public const int DefaultMaxBacklog = 20_000;

    // Index at most this often under load, so each SQLite transaction carries many records.
    private static readonly TimeSpan IndexInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);
    private const long ResetAt = 4 << 20;

    private readonly SqliteAuditStore _index;
    private readonly string _journalPath;
    private readonly ILogger<SqliteJournaledAuditStore> _logger;
    private readonly int _maxBacklog;
    private readonly SemaphoreSlim _appendGate = new(1, 1);
    private readonly Lock _queueGate = new();
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly SemaphoreSlim _urgent = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<string, AuditChainHead> _heads = new(StringComparer.Ordinal);
    private Task? _opening;
    private Task? _loop;
    private SqliteAuditJournal? _journal;
    private List<AuditRecord> _queue = [];
    private List<(long Target, TaskCompletionSource Indexed)> _flushes = [];
    private long _appended;
    private long _indexed;
    private bool _reconcile;
    private bool _disposed;

    public SqliteJournaledAuditStore(SqliteAuditStore index, string journalPath, ILogger<SqliteJournaledAuditStore> logger, int maxBacklog = DefaultMaxBacklog)
    {
        _index = index;
        _journalPath = journalPath;
        _logger = logger;
        _maxBacklog = maxBacklog;
    }

    public async Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        await OpenAsync();
        if (records.Count == 0)
        {
            return;
        }

        await _appendGate.WaitAsync(cancellationToken);
        try
        {
            var heads = Continue(records);
            long backlog;
            lock (_queueGate)
            {
                backlog = _appended - _indexed;
            }

            if (backlog + records.Count > _maxBacklog)
            {
                throw new InvalidOperationException($"The audit index is {backlog} records behind its journal; refusing more until it catches up.");
            }

            _journal!.Append(records);
            foreach (var head in heads)
            {
                _heads[head.ChainId] = head;
            }

            lock (_queueGate)
            {
                _queue.AddRange(records);
                _appended += records.Count;
            }
        }
        finally
        {
            _appendGate.Release();
        }

        Wake(urgent: false);
    }

    public async Task<AuditChainHead?> GetHeadAsync(string chainId, CancellationToken cancellationToken)
    {
        await OpenAsync();
        await _appendGate.WaitAsync(cancellationToken);
        try
        {
            return _heads.GetValueOrDefault(chainId);
        }
        finally
        {
            _appendGate.Release();
        }
    }

    public async Task<IReadOnlyList<AuditChainHead>> ListChainsAsync(CancellationToken cancellationToken)
    {
        await OpenAsync();
        await _appendGate.WaitAsync(cancellationToken);
        try
        {
            return [.. _heads.Values.OrderBy(head => head.ChainId, StringComparer.Ordinal)];
        }
        finally
        {
            _appendGate.Release();
        }
    }

    public async Task<Page<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        return await _index.QueryAsync(query, cancellationToken);
    }

    public async IAsyncEnumerable<AuditRecord> ReadChainAsync(string chainId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        await foreach (var record in _index.ReadChainAsync(chainId, cancellationToken))
        {
            yield return record;
        }
    }

    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        return await _index.DeleteOlderThanAsync(cutoff, cancellationToken);
    }

    /// <summary>Completes once every record appended before the call is in the index.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await OpenAsync();
        Task indexed;
        lock (_queueGate)
        {
            if (_indexed >= _appended)
            {
                return;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _flushes.Add((_appended, waiter));
            indexed = waiter.Task;
        }

        Wake(urgent: true);
        await indexed.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stopping.CancelAsync();
        if (_opening is not null)
        {
            await _opening.ContinueWith(static _ => { }, TaskScheduler.Default);
        }

        if (_loop is not null)
        {
            await _loop;
        }

        _journal?.Dispose();
        _index.Dispose();
        _stopping.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The heads after <paramref name="records"/>, which must continue their chains one by one.</summary>
    private List<AuditChainHead> Continue(IReadOnlyList<AuditRecord> records)
    {
        var heads = new Dictionary<string, AuditChainHead>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var head = heads.GetValueOrDefault(record.ChainId) ?? _heads.GetValueOrDefault(record.ChainId);
            if (record.Sequence != (head?.Sequence ?? 0) + 1)
            {
                throw new InvalidOperationException(
                    $"Audit record {record.Sequence} does not follow record {head?.Sequence ?? 0} of chain '{record.ChainId}'; the batch was not written.");
            }

            heads[record.ChainId] = new AuditChainHead(record.ChainId, record.Sequence, record.Hash);
        }

        return [.. heads.Values];
    }

    private void Wake(bool urgent)
    {
        Release(_signal);
        if (urgent)
        {
            Release(_urgent);
        }
    }

    private static void Release(SemaphoreSlim signal)
    {
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }
}
