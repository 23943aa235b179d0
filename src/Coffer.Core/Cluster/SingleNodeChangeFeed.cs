using Coffer.Core.Abstractions;

namespace Coffer.Core.Cluster;

/// <summary>One node is the whole deployment (the embedded SQLite store): every change is already applied locally, and no peer sends any.</summary>
public sealed class SingleNodeChangeFeed : IChangeFeed
{
    public ValueTask PublishAsync(string kind, string key, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public IDisposable Subscribe(string kind, Action<string?> onChange) => NoSubscription.Instance;

    private sealed class NoSubscription : IDisposable
    {
        public static readonly NoSubscription Instance = new();

        public void Dispose()
        {
        }
    }
}
