using System.Collections.Concurrent;
using Coffer.Core.Abstractions;
using Coffer.Core.Vaults;

namespace Coffer.Core.Tests.Abstractions;

/// <summary>An in-memory <see cref="IVaultStore"/> with case-insensitive names.</summary>
internal sealed class InMemoryVaultStore : IVaultStore
{
    private readonly ConcurrentDictionary<string, Vault> _byName = new(StringComparer.OrdinalIgnoreCase);

    public int Reads { get; private set; }

    public Task<bool> AddAsync(Vault vault, CancellationToken cancellationToken) => Task.FromResult(_byName.TryAdd(vault.Name, vault));

    public Task<bool> UpdateAsync(Vault vault, CancellationToken cancellationToken)
    {
        var current = _byName.Values.FirstOrDefault(v => v.Id == vault.Id);
        return Task.FromResult(current is not null && _byName.TryUpdate(current.Name, vault with { Name = current.Name }, current));
    }

    public Task<Vault?> GetByNameAsync(string name, CancellationToken cancellationToken)
    {
        Reads++;
        return Task.FromResult(_byName.GetValueOrDefault(name));
    }

    public Task<IReadOnlyList<Vault>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Vault>>([.. _byName.Values.OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase)]);
}
