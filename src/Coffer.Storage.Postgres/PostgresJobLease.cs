using System.Collections.Concurrent;
using Coffer.Core.Abstractions;
using Microsoft.Extensions.Logging;

namespace Coffer.Storage.Postgres;

/// <summary>
/// <see cref="IJobLease"/> on PostgreSQL: a row per job names its holder and until when. One upsert takes a lease that
/// is free or expired, or renews this node's own, so two nodes never both get it. Once asked about a job, this node
/// keeps trying for it every third of the lease's duration, so the holder keeps it between rounds of work and a dead
/// holder's job moves to a survivor within about one lease duration.
/// </summary>
internal sealed class PostgresJobLease : IJobLease, IAsyncDisposable
{
    private readonly PostgresDatabase _database;
    private readonly PostgresClusterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PostgresJobLease> _logger;
    private readonly ConcurrentDictionary<string, bool> _held = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;
    private readonly Lock _gate = new();
    private Task? _renewing;

    public PostgresJobLease(PostgresDatabase database, PostgresClusterOptions options, TimeProvider time, ILogger<PostgresJobLease> logger)
    {
        _database = database;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>This node's name in the lease table.</summary>
    public string Holder => _options.NodeName;

    public async ValueTask<bool> TryHoldAsync(string job, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(job);
        _held.TryAdd(job, false);
        EnsureRenewing();
        return await TakeAsync(job, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        // The container disposes this once as itself and once as the interface it is registered under.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_renewing is { } renewing)
        {
            await renewing;
        }

        await ReleaseAsync();
        _stopping.Dispose();
    }

    private async Task<bool> TakeAsync(string job, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await _database.OpenAsync(cancellationToken);
        // Inserts a free lease, or updates it when this node holds it or it has expired; otherwise changes nothing
        // and returns no row. One statement, so racing nodes cannot both win.
        await using var command = connection.CreateCommand("""
            INSERT INTO job_leases (job, holder, acquired, expires) VALUES (@job, @holder, @now, @expires)
            ON CONFLICT (job) DO UPDATE
                SET holder = excluded.holder,
                    expires = excluded.expires,
                    acquired = CASE WHEN job_leases.holder = excluded.holder THEN job_leases.acquired ELSE excluded.acquired END
                WHERE job_leases.holder = excluded.holder OR job_leases.expires <= excluded.acquired
            RETURNING acquired
            """)
            .With("@job", job)
            .With("@holder", _options.NodeName)
            .With("@now", now)
            .With("@expires", now + (long)_options.LeaseDuration.TotalMilliseconds);
        var acquired = await command.ExecuteScalarAsync(cancellationToken);
        var held = acquired is long;
        var had = _held.TryGetValue(job, out var before) && before;
        _held[job] = held;
        if (held && !had)
        {
            Log.JobLeaseTaken(_logger, job, _options.NodeName);
        }
        else if (!held && had)
        {
            Log.JobLeaseLost(_logger, job, _options.NodeName);
        }

        return held;
    }

    private void EnsureRenewing()
    {
        lock (_gate)
        {
            _renewing ??= Task.Run(() => RenewAsync(_stopping.Token));
        }
    }

    private async Task RenewAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.LeaseDuration / 3, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var job in _held.Keys)
                {
                    try
                    {
                        await TakeAsync(job, stoppingToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // Unreachable database: the lease runs out on its own and another node may take it; this node
                        // runs nothing meanwhile, since its TryHoldAsync fails too.
                        _held[job] = false;
                        Log.JobLeaseRenewalFailed(_logger, job, e.GetType().Name);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>On a clean stop, hands this node's leases over at once instead of letting them run out.</summary>
    private async Task ReleaseAsync()
    {
        if (!_held.Values.Any(held => held))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await using var connection = await _database.OpenAsync(timeout.Token);
            await using var command = connection.CreateCommand("UPDATE job_leases SET expires = 0 WHERE holder = @holder")
                .With("@holder", _options.NodeName);
            await command.ExecuteNonQueryAsync(timeout.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The leases run out by themselves.
            Log.JobLeaseReleaseFailed(_logger, _options.NodeName, e.GetType().Name);
        }
    }
}
