using System.Collections.Concurrent;
using Coffer.Core.Abstractions;
using Coffer.Core.Locks;

namespace Coffer.Core.Tests.Abstractions;

/// <summary>An in-memory <see cref="ILockStore"/> keyed by scope and name, case-insensitively.</summary>
internal sealed class InMemoryLockStore : ILockStore
{
    private readonly ConcurrentDictionary<string, ManagementLock> _locks = new(StringComparer.OrdinalIgnoreCase);

    public Task<bool> PutAsync(ManagementLock managementLock, CancellationToken cancellationToken)
    {
        var created = !_locks.ContainsKey(Key(managementLock.Scope, managementLock.Name));
        _locks[Key(managementLock.Scope, managementLock.Name)] = managementLock;
        return Task.FromResult(created);
    }

    public Task<ManagementLock?> GetAsync(string scope, string name, CancellationToken cancellationToken) => Task.FromResult(_locks.GetValueOrDefault(Key(scope, name)));

    public Task<bool> DeleteAsync(string scope, string name, CancellationToken cancellationToken) => Task.FromResult(_locks.TryRemove(Key(scope, name), out _));

    public Task<IReadOnlyList<ManagementLock>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ManagementLock>>([.. _locks.Values]);

    private static string Key(string scope, string name) => scope + "|" + name;
}
