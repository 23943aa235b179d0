using Coffer.Core.Abstractions;
using Coffer.Core.Keys;

namespace Coffer.Server.Hosting;

/// <summary>
/// Carries out keys' rotation policies on the injected clock: rotates a key when its <c>Rotate</c> moment has come and
/// records each <c>Notify</c> moment once, for the events feature to publish; once per cluster, on the node that holds
/// its lease.
/// </summary>
internal sealed class KeyRotationJob : BackgroundService
{
    public const string LeaseName = "key-rotation";

    // Policy triggers are at least 7 days apart, so a minute's lateness is nothing; a shorter tick would only cost reads.
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private readonly KeyService _keys;
    private readonly IJobLease _lease;
    private readonly TimeProvider _time;
    private readonly ILogger<KeyRotationJob> _logger;

    public KeyRotationJob(KeyService keys, IJobLease lease, TimeProvider time, ILogger<KeyRotationJob> logger)
    {
        _lease = lease;
        _keys = keys;
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
                // KeyService logs each rotation, notification and per-key failure.
                if (await _lease.TryHoldAsync(LeaseName, stoppingToken))
                {
                    await _keys.RunRotationPoliciesAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.KeyRotationPassFailed(_logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
