using Coffer.Core.Abstractions;
using Coffer.Core.Audit;

namespace Coffer.Server.Hosting;

/// <summary>
/// Deletes audit records older than the retention period, hourly, on the one node that holds the
/// <c>audit-retention</c> lease. Chains lose their old end only, so verification starts at the oldest record left.
/// </summary>
internal sealed class AuditRetentionJob : BackgroundService
{
    public const string JobName = "audit-retention";
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private readonly IAuditStore _store;
    private readonly IJobLease _lease;
    private readonly AuditRetention _retention;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditRetentionJob> _logger;

    public AuditRetentionJob(IAuditStore store, IJobLease lease, AuditRetention retention, TimeProvider time, ILogger<AuditRetentionJob> logger)
    {
        _store = store;
        _lease = lease;
        _retention = retention;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, _time);
        do
        {
            try
            {
                if (await _lease.TryHoldAsync(JobName, stoppingToken))
                {
                    var cutoff = _time.GetUtcNow() - _retention.Period;
                    var deleted = await _store.DeleteOlderThanAsync(cutoff, stoppingToken);
                    Log.AuditRecordsExpired(_logger, deleted, cutoff);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.AuditRetentionFailed(_logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
