using System.Collections.Concurrent;
using Coffer.Core.Abstractions;
using Coffer.Core.Identity;

namespace Coffer.Core.Tests.Abstractions;

/// <summary>An in-memory <see cref="ISigningKeyStore"/>, oldest key first.</summary>
internal sealed class InMemorySigningKeyStore : ISigningKeyStore
{
    private readonly ConcurrentQueue<StoredSigningKey> _keys = new();

    public IReadOnlyList<StoredSigningKey> Keys => [.. _keys];

    public Task AddAsync(StoredSigningKey key, CancellationToken cancellationToken)
    {
        _keys.Enqueue(key);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredSigningKey>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredSigningKey>>([.. _keys]);
}
