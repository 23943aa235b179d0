using Coffer.Core.Abstractions;
using Coffer.Core.Keys;
using Coffer.Core.Secrets;
using Coffer.Core.Vaults;

namespace Coffer.Server.Hosting;

/// <summary>
/// Purges soft-deleted objects, and soft-deleted vaults with everything in them, once their retention period has ended;
/// once per cluster, on the node that holds its lease.
/// </summary>
internal sealed class SoftDeletePurgeJob : BackgroundService
{
    public const string LeaseName = "soft-delete-purge";

    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private readonly SecretService _secrets;
    private readonly KeyService _keys;
    private readonly VaultDirectory _vaults;
    private readonly IJobLease _lease;
    private readonly TimeProvider _time;
    private readonly ILogger<SoftDeletePurgeJob> _logger;

    public SoftDeletePurgeJob(SecretService secrets, KeyService keys, VaultDirectory vaults, IJobLease lease, TimeProvider time, ILogger<SoftDeletePurgeJob> logger)
    {
        _lease = lease;
        _secrets = secrets;
        _keys = keys;
        _vaults = vaults;
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
                // The store and the directory log what they purged.
                if (await _lease.TryHoldAsync(LeaseName, stoppingToken))
                {
                    await _secrets.PurgeDueAsync(stoppingToken);
                    await _keys.PurgeDueAsync(stoppingToken);
                    await _vaults.PurgeDueAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.PurgeFailed(_logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
