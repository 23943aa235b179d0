using Coffer.Core.Abstractions;
using Coffer.Core.Secrets;

namespace Coffer.Core.Tests.Abstractions;

/// <summary>
/// An in-memory <see cref="ISecretStore"/> covering what the secret service's get, set, update, backup and restore use.
/// Listing and soft delete are left out: their behaviour is pinned by the storage contract tests.
/// </summary>
internal sealed class InMemorySecretStore : ISecretStore
{
    private readonly Lock _lock = new();
    private readonly List<SecretVersion> _versions = [];
    private long _sequence;

    public IReadOnlyList<SecretVersion> Versions
    {
        get
        {
            lock (_lock)
            {
                return [.. _versions];
            }
        }
    }

    public ValueTask<SecretVersion?> GetAsync(Guid vaultId, string nameKey, string? version, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var versions = Of(vaultId, nameKey);
            return ValueTask.FromResult(version is null ? versions.LastOrDefault() : versions.FirstOrDefault(v => v.Version == version));
        }
    }

    public Task<SecretVersion?> AddVersionAsync(SecretVersion version, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var first = Of(version.VaultId, version.NameKey).FirstOrDefault();
            var stored = version with { Name = first?.Name ?? version.Name, Sequence = ++_sequence };
            _versions.Add(stored);
            return Task.FromResult<SecretVersion?>(stored);
        }
    }

    public Task<SecretVersion?> UpdateAsync(Guid vaultId, string nameKey, string? version, SecretAttributes changes, DateTimeOffset updated, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var candidates = Of(vaultId, nameKey);
            var current = version is null ? candidates.LastOrDefault() : candidates.FirstOrDefault(v => v.Version == version);
            if (current is null)
            {
                return Task.FromResult<SecretVersion?>(null);
            }

            var changed = current with
            {
                Enabled = changes.Enabled ?? current.Enabled,
                NotBefore = changes.NotBefore ?? current.NotBefore,
                Expires = changes.Expires ?? current.Expires,
                ContentType = changes.ContentType ?? current.ContentType,
                Tags = changes.Tags ?? current.Tags,
                Updated = updated,
            };
            _versions[_versions.IndexOf(current)] = changed;
            return Task.FromResult<SecretVersion?>(changed);
        }
    }

    public Task<IReadOnlyList<SecretVersion>> GetAllVersionsAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<SecretVersion>>(Of(vaultId, nameKey));
        }
    }

    public Task<bool> RestoreAsync(IReadOnlyList<SecretVersion> versions, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (Of(versions[0].VaultId, versions[0].NameKey).Count > 0)
            {
                return Task.FromResult(false);
            }

            foreach (var version in versions)
            {
                _versions.Add(version with { Sequence = ++_sequence });
            }

            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<SecretVersion>> ListAsync(Guid vaultId, string? afterNameKey, int take, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<SecretVersion>> ListVersionsAsync(Guid vaultId, string nameKey, long afterSequence, int take, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<DeletedSecret?> DeleteAsync(Guid vaultId, string nameKey, DateTimeOffset deletedOn, DateTimeOffset scheduledPurge, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<DeletedSecret?> GetDeletedAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<DeletedSecret>> ListDeletedAsync(Guid vaultId, string? afterNameKey, int take, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<SecretVersion?> RecoverAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<bool> PurgeAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<int> PurgeDueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    private List<SecretVersion> Of(Guid vaultId, string nameKey) =>
        [.. _versions.Where(v => v.VaultId == vaultId && v.NameKey == nameKey).OrderBy(v => v.Sequence)];
}
