using Coffer.Core.Abstractions;
using Coffer.Core.Identity;

namespace Coffer.Core.Tests.Abstractions;

/// <summary>An in-memory <see cref="ISigningKeyStore"/>, by activation then insertion order.</summary>
internal sealed class InMemorySigningKeyStore : ISigningKeyStore
{
    private readonly Lock _lock = new();
    private readonly List<StoredSigningKey> _keys = [];

    public IReadOnlyList<StoredSigningKey> Keys
    {
        get
        {
            lock (_lock)
            {
                return [.. _keys.OrderBy(k => k.Activates)];
            }
        }
    }

    public Task AddAsync(StoredSigningKey key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _keys.Add(key);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredSigningKey>> ListAsync(CancellationToken cancellationToken) => Task.FromResult(Keys);

    public Task<bool> DeleteAsync(string keyId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_keys.RemoveAll(k => k.KeyId == keyId) == 1);
        }
    }
}
