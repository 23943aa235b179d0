using System.Collections.Concurrent;

namespace Coffer.Core.Identity;

/// <summary>
/// The credentials that may currently back a token, by id: every token Coffer issues names its credential, and the
/// <see cref="TokenValidator"/> asks here on every request, so removing a credential (or deleting its principal)
/// revokes its tokens at once with no store round trip.
/// </summary>
/// <remarks>
/// Owners of credentials (service principals, managed identities) <see cref="Add"/> theirs when they load at start
/// and when they create one, and <see cref="Revoke"/> them when they remove one. Every local change is raised as
/// <see cref="Changed"/>, so a multi-node broadcaster can forward it and <see cref="Apply"/> what peers send.
/// </remarks>
public sealed class CredentialDirectory
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _liveUntil = new(StringComparer.Ordinal);

    /// <summary>Raised after every local <see cref="Add"/> and <see cref="Revoke"/>; never by <see cref="Apply"/>.</summary>
    public event Action<CredentialChange>? Changed;

    /// <summary>Marks a credential live until <paramref name="liveUntil"/> (its expiry), or for good when null.</summary>
    public void Add(string credentialId, DateTimeOffset? liveUntil = null)
    {
        var change = new CredentialChange(credentialId, liveUntil ?? DateTimeOffset.MaxValue);
        Apply(change);
        Changed?.Invoke(change);
    }

    /// <summary>Revokes a credential: tokens naming it are refused from now on.</summary>
    public void Revoke(string credentialId)
    {
        var change = new CredentialChange(credentialId, null);
        Apply(change);
        Changed?.Invoke(change);
    }

    /// <summary>Whether a token naming this credential may be accepted at <paramref name="now"/>.</summary>
    public bool IsLive(string credentialId, DateTimeOffset now) =>
        _liveUntil.TryGetValue(credentialId, out var until) && now < until;

    /// <summary>Applies a change (a peer's, say) without raising <see cref="Changed"/>.</summary>
    public void Apply(CredentialChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.LiveUntil is { } until)
        {
            _liveUntil[change.CredentialId] = until;
        }
        else
        {
            _liveUntil.TryRemove(change.CredentialId, out _);
        }
    }
}
