using Coffer.Core.Abstractions;
using Coffer.Core.Alerts;

namespace Coffer.Server.Hosting;

/// <summary>
/// Evaluates the alert rules once a minute on the injected clock, on one node of a deployment at a time (the
/// <see cref="AlertEvaluator.JobName"/> lease); each rule runs only when its own frequency has passed.
/// </summary>
internal sealed class AlertEvaluationJob : BackgroundService
{
    // Frequencies are whole minutes, so a one-minute tick meets each rule on time.
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private readonly AlertEvaluator _evaluator;
    private readonly IJobLease _lease;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertEvaluationJob> _logger;

    public AlertEvaluationJob(AlertEvaluator evaluator, IJobLease lease, TimeProvider time, ILogger<AlertEvaluationJob> logger)
    {
        _evaluator = evaluator;
        _lease = lease;
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
                if (await _lease.TryHoldAsync(AlertEvaluator.JobName, stoppingToken))
                {
                    // The evaluator logs each firing and each rule that failed.
                    await _evaluator.RunDueAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.AlertRoundFailed(_logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
