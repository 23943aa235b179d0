using System.Collections.Concurrent;
using Coffer.Core.Abstractions;
using Coffer.Core.KeyRing;

namespace Coffer.Core.Tests.Abstractions;

/// <summary>An in-memory <see cref="IDataKeyStore"/>: keeps exactly the records the key ring hands it.</summary>
internal sealed class InMemoryDataKeyStore : IDataKeyStore
{
    private readonly ConcurrentQueue<WrappedDataKey> _keys = new();

    public IReadOnlyList<WrappedDataKey> Keys => [.. _keys];

    public Task AddAsync(WrappedDataKey key, CancellationToken cancellationToken)
    {
        _keys.Enqueue(key);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<WrappedDataKey>> GetForVaultAsync(Guid vaultId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<WrappedDataKey>>([.. _keys.Where(k => k.VaultId == vaultId)]);
}
