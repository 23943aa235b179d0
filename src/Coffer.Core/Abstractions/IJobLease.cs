namespace Coffer.Core.Abstractions;

/// <summary>
/// Lets background work (purges, rotation, retention, alerts) run once per deployment: on one node it is always
/// held; on a cluster it is a lease in the shared database that another node takes over when its holder stops
/// renewing it.
/// </summary>
public interface IJobLease
{
    /// <summary>
    /// Takes or renews the lease named <paramref name="job"/> for this node; true while this node may run the job.
    /// Call it before every round of work.
    /// </summary>
    ValueTask<bool> TryHoldAsync(string job, CancellationToken cancellationToken);
}
