using System.Collections.Immutable;

namespace Coffer.Core.Cluster;

/// <summary>
/// The subscribers of a clustered <see cref="Abstractions.IChangeFeed"/>, by kind: the feed delivers each peer's change,
/// and every kind's "anything may have changed" on a (re)connect.
/// </summary>
public sealed class ChangeSubscriptions
{
    // Copied on write: subscriptions are made at start, deliveries are many.
    private ImmutableList<(string Kind, Action<string?> OnChange)> _subscribers = [];

    public IDisposable Add(string kind, Action<string?> onChange)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(onChange);
        var entry = (kind, onChange);
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(entry));
        return new Subscription(this, entry);
    }

    /// <summary>Delivers a peer's change to the subscribers of its kind.</summary>
    public void Deliver(string kind, string key)
    {
        foreach (var (subscribed, onChange) in _subscribers)
        {
            if (string.Equals(subscribed, kind, StringComparison.Ordinal))
            {
                onChange(key);
            }
        }
    }

    /// <summary>Tells every subscriber that anything may have changed (the feed was away and may have missed notices).</summary>
    public void DeliverEverything()
    {
        foreach (var (_, onChange) in _subscribers)
        {
            onChange(null);
        }
    }

    private sealed class Subscription(ChangeSubscriptions owner, (string Kind, Action<string?> OnChange) entry) : IDisposable
    {
        public void Dispose() => ImmutableInterlocked.Update(ref owner._subscribers, list => list.Remove(entry));
    }
}
