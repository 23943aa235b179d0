using System.Collections.Concurrent;
using Coffer.Core.Abstractions;
using Coffer.Core.Vaults;

namespace Coffer.Core.Tests.Abstractions;

/// <summary>An in-memory <see cref="IVaultStore"/> with case-insensitive names shared by live and deleted vaults.</summary>
internal sealed class InMemoryVaultStore : IVaultStore
{
    private readonly ConcurrentDictionary<string, Vault> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, DeletedVault> _deleted = new(StringComparer.OrdinalIgnoreCase);

    public int Reads { get; private set; }

    public Task<bool> AddAsync(Vault vault, CancellationToken cancellationToken) =>
        Task.FromResult(!_deleted.ContainsKey(vault.Name) && _byName.TryAdd(vault.Name, vault));

    public Task<Vault?> UpdateAsync(string name, Func<Vault, Vault> change, CancellationToken cancellationToken)
    {
        lock (_byName)
        {
            if (!_byName.TryGetValue(name, out var current))
            {
                return Task.FromResult<Vault?>(null);
            }

            var updated = current.Apply(change);
            _byName[current.Name] = updated;
            return Task.FromResult<Vault?>(updated);
        }
    }

    public Task<Vault?> GetByNameAsync(string name, CancellationToken cancellationToken)
    {
        Reads++;
        return Task.FromResult(_byName.GetValueOrDefault(name));
    }

    public Task<IReadOnlyList<Vault>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Vault>>([.. _byName.Values.OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase)]);

    public Task<bool> DeleteAsync(Guid id, DateTimeOffset deleted, DateTimeOffset scheduledPurge, CancellationToken cancellationToken)
    {
        var current = _byName.Values.FirstOrDefault(v => v.Id == id);
        var removed = current is not null && _byName.TryRemove(current.Name, out _);
        if (removed)
        {
            _deleted[current!.Name] = new DeletedVault(current, deleted, scheduledPurge); // removed implies current was found
        }

        return Task.FromResult(removed);
    }

    public Task<DeletedVault?> GetDeletedAsync(string name, CancellationToken cancellationToken) => Task.FromResult(_deleted.GetValueOrDefault(name));

    public Task<IReadOnlyList<DeletedVault>> ListDeletedAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeletedVault>>([.. _deleted.Values.OrderBy(d => d.Vault.Name, StringComparer.OrdinalIgnoreCase)]);

    public Task<bool> RecoverAsync(Guid id, CancellationToken cancellationToken)
    {
        var deleted = _deleted.Values.FirstOrDefault(d => d.Vault.Id == id);
        var recovered = deleted is not null && _deleted.TryRemove(deleted.Vault.Name, out _) && _byName.TryAdd(deleted.Vault.Name, deleted.Vault);
        return Task.FromResult(recovered);
    }

    public Task<bool> PurgeAsync(Guid id, CancellationToken cancellationToken)
    {
        var deleted = _deleted.Values.FirstOrDefault(d => d.Vault.Id == id);
        return Task.FromResult(deleted is not null && _deleted.TryRemove(deleted.Vault.Name, out _));
    }
}
