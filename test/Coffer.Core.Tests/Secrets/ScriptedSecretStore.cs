using Coffer.Core.Abstractions;
using Coffer.Core.Secrets;

namespace Coffer.Core.Tests.Secrets;

/// <summary>
/// A store whose GET answers <see cref="Current"/> and counts how often it was asked, and whose reads can be held at a
/// gate to race them against writes. Writes change nothing and answer as if they succeeded: what is being tested is
/// what the cache in front of the store does around them.
/// </summary>
internal sealed class ScriptedSecretStore : ISecretStore
{
    private int _reads;

    public SecretVersion? Current { get; set; }

    public int Reads => Volatile.Read(ref _reads);

    /// <summary>When set, a read takes <see cref="Current"/> at once, then waits for this before answering.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Completes when a read has taken its answer and is waiting at <see cref="Gate"/>.</summary>
    public TaskCompletionSource ReadStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static SecretVersion Version(Guid vaultId, string name, string version, byte[]? ciphertext = null) =>
        new(vaultId, name, version, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, true, null, null, null, null, ciphertext ?? [1, 2, 3]);

    public async ValueTask<SecretVersion?> GetAsync(Guid vaultId, string nameKey, string? version, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        var answer = Current;
        if (Gate is { } gate)
        {
            ReadStarted.TrySetResult();
            await gate.Task.WaitAsync(cancellationToken);
        }

        return answer;
    }

    public Task<SecretVersion?> AddVersionAsync(SecretVersion version, CancellationToken cancellationToken) => Task.FromResult<SecretVersion?>(version);

    public Task<SecretVersion?> UpdateAsync(Guid vaultId, string nameKey, string? version, SecretAttributes changes, DateTimeOffset updated, CancellationToken cancellationToken) =>
        Task.FromResult(Current);

    public Task<IReadOnlyList<SecretVersion>> ListAsync(Guid vaultId, string? afterNameKey, int take, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SecretVersion>>([]);

    public Task<IReadOnlyList<SecretVersion>> ListVersionsAsync(Guid vaultId, string nameKey, long afterSequence, int take, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SecretVersion>>([]);

    public Task<DeletedSecret?> DeleteAsync(Guid vaultId, string nameKey, DateTimeOffset deletedOn, DateTimeOffset scheduledPurge, CancellationToken cancellationToken) =>
        Task.FromResult<DeletedSecret?>(null);

    public Task<DeletedSecret?> GetDeletedAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken) => Task.FromResult<DeletedSecret?>(null);

    public Task<IReadOnlyList<DeletedSecret>> ListDeletedAsync(Guid vaultId, string? afterNameKey, int take, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeletedSecret>>([]);

    public Task<SecretVersion?> RecoverAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken) => Task.FromResult(Current);

    public Task<bool> PurgeAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task<int> PurgeDueAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(0);

    public Task<IReadOnlyList<SecretVersion>> GetAllVersionsAsync(Guid vaultId, string nameKey, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SecretVersion>>(Current is null ? [] : [Current]);

    public Task<bool> RestoreAsync(IReadOnlyList<SecretVersion> versions, CancellationToken cancellationToken) => Task.FromResult(true);
}
