using Coffer.Core.Abstractions;

namespace Coffer.Core.Cluster;

/// <summary>One node is the whole deployment (the embedded SQLite store): it always holds every lease.</summary>
public sealed class SingleNodeJobLease : IJobLease
{
    public ValueTask<bool> TryHoldAsync(string job, CancellationToken cancellationToken) => ValueTask.FromResult(true);
}
