using System.Collections.Concurrent;
using Coffer.Core.Abstractions;

namespace Coffer.Core.Identity;

/// <summary>
/// Credentials revoked while tokens issued against them may still be unexpired. <see cref="TokenValidator"/> rejects
/// a token whose credential id is listed here, so revoking a credential (or deleting its identity) revokes its tokens
/// at once. Loaded from the store at start, so a revocation outlives a restart.
/// </summary>
/// <remarks>
/// This node's view only: on several nodes a revocation reaches the others at their next start (or through a cross-node
/// notification, which the multi-node work adds).
/// </remarks>
public sealed class RevokedCredentials
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _revoked = new();

    /// <summary>Set once a credential has ever been revoked, so the common case costs one volatile read.</summary>
    private volatile bool _any;

    public void Revoke(Guid credentialId, DateTimeOffset revoked)
    {
        _revoked[credentialId] = revoked;
        _any = true;
    }

    public bool IsRevoked(Guid credentialId) => _any && _revoked.ContainsKey(credentialId);

    /// <summary>Forgets revocations older than <paramref name="before"/>: every token they could affect has expired.</summary>
    public void Forget(DateTimeOffset before)
    {
        foreach (var (id, revoked) in _revoked)
        {
            if (revoked < before)
            {
                _revoked.TryRemove(id, out _);
            }
        }
    }

    public async Task LoadAsync(IIdentityStore store, DateTimeOffset since, CancellationToken cancellationToken)
    {
        foreach (var credential in await store.ListRevokedCredentialsAsync(since, cancellationToken))
        {
            // ListRevokedCredentialsAsync returns revoked credentials only.
            Revoke(credential.Id, credential.Revoked!.Value);
        }
    }
}
