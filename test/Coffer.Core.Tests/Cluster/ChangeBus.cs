using Coffer.Core.Abstractions;
using Coffer.Core.Cluster;

namespace Coffer.Core.Tests.Cluster;

/// <summary>
/// Nodes in one process, each with its own feed: what one publishes is delivered to every other connected node at once,
/// as PostgreSQL's NOTIFY would; a disconnected node misses it, and hears "anything may have changed" on reconnecting.
/// </summary>
internal sealed class ChangeBus
{
    private readonly List<Member> _nodes = [];

    public IChangeFeed Node()
    {
        var node = new Member(this);
        _nodes.Add(node);
        return node;
    }

    public static void Disconnect(IChangeFeed node) => ((Member)node).Connected = false;

    public static void Reconnect(IChangeFeed node)
    {
        var self = (Member)node;
        self.Connected = true;
        self.Subscriptions.DeliverEverything();
    }

    private sealed class Member(ChangeBus bus) : IChangeFeed
    {
        public ChangeSubscriptions Subscriptions { get; } = new();

        public bool Connected { get; set; } = true;

        public ValueTask PublishAsync(string kind, string key, CancellationToken cancellationToken)
        {
            foreach (var peer in bus._nodes)
            {
                if (peer != this && peer.Connected)
                {
                    peer.Subscriptions.Deliver(kind, key);
                }
            }

            return ValueTask.CompletedTask;
        }

        public IDisposable Subscribe(string kind, Action<string?> onChange) => Subscriptions.Add(kind, onChange);
    }
}
