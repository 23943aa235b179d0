namespace Coffer.Core.Abstractions;

/// <summary>
/// Carries cache invalidations between the nodes of a cluster. Each cache names what changed as a kind and a key
/// (<see cref="Cluster.ChangeKinds"/>): a node publishes after its write is committed, and the other nodes forget the
/// same entry their own local change would have made them forget. On one node there is nothing to carry.
/// </summary>
public interface IChangeFeed
{
    /// <summary>Tells the other nodes that <paramref name="key"/> of <paramref name="kind"/> changed. Call it after the write is committed.</summary>
    ValueTask PublishAsync(string kind, string key, CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="onChange"/> with every key of <paramref name="kind"/> another node publishes, and with null
    /// (anything of that kind may have changed) whenever the feed connects or reconnects, since notices sent while it
    /// was away are lost. The callback runs on the feed's own thread: it must be quick and must not throw.
    /// </summary>
    IDisposable Subscribe(string kind, Action<string?> onChange);
}
