using System.Collections.Concurrent;
using Coffer.Core.Abstractions;
using Coffer.Core.Cluster;

namespace Coffer.Core.Identity;

/// <summary>
/// The credentials that may currently back a token, by id: every token Coffer issues names its credential, and the
/// <see cref="TokenValidator"/> asks here on every request, so removing a credential (or deleting its principal)
/// revokes its tokens at once with no store round trip.
/// </summary>
/// <remarks>
/// Owners of credentials (service principals, managed identities) <see cref="AddAsync"/> theirs when they create one
/// and <see cref="RevokeAsync"/> them when they remove one; each such change is published to the other nodes, which
/// <see cref="Apply"/> it. <see cref="CredentialSync"/> fills the directory from the stores at start and after the
/// change feed reconnects.
/// </remarks>
public sealed class CredentialDirectory
{
    private readonly IChangeFeed _feed;
    private readonly Lock _gate = new();

    // Replaced whole by a reload; read without the gate.
    private volatile ConcurrentDictionary<string, DateTimeOffset> _liveUntil = new(StringComparer.Ordinal);

    // While a reload reads the stores: the changes applied meanwhile, replayed over what it read.
    private List<CredentialChange>? _duringReload;

    public CredentialDirectory(IChangeFeed? feed = null)
    {
        _feed = feed ?? new SingleNodeChangeFeed();

        // A reconnect's "anything may have changed" needs the stores: CredentialSync answers it.
        _feed.Subscribe(ChangeKinds.Credentials, key =>
        {
            if (key is not null && CredentialChange.TryParse(key, out var change))
            {
                Apply(change);
            }
        });
    }

    /// <summary>
    /// Marks a credential live until <paramref name="liveUntil"/> (its expiry), or for good when null, here and on the
    /// other nodes. Call it after the credential is stored.
    /// </summary>
    public Task AddAsync(string credentialId, DateTimeOffset? liveUntil = null) =>
        ChangeAsync(new CredentialChange(credentialId, liveUntil ?? DateTimeOffset.MaxValue));

    /// <summary>Revokes a credential here and on the other nodes: tokens naming it are refused from now on.</summary>
    public Task RevokeAsync(string credentialId) => ChangeAsync(new CredentialChange(credentialId, null));

    /// <summary>Whether a token naming this credential may be accepted at <paramref name="now"/>.</summary>
    public bool IsLive(string credentialId, DateTimeOffset now) =>
        _liveUntil.TryGetValue(credentialId, out var until) && now < until;

    /// <summary>Applies a change (another node's) without publishing it.</summary>
    public void Apply(CredentialChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            ApplyTo(_liveUntil, change);
            _duringReload?.Add(change);
        }
    }

    /// <summary>Starts a reload: changes applied from now on are kept, to be replayed by <see cref="CompleteReload"/>.</summary>
    internal void BeginReload()
    {
        lock (_gate)
        {
            _duringReload = [];
        }
    }

    /// <summary>Makes the directory exactly <paramref name="live"/> (read from the stores after <see cref="BeginReload"/>) plus the changes applied since.</summary>
    internal void CompleteReload(IEnumerable<CredentialChange> live)
    {
        var fresh = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var change in live)
        {
            ApplyTo(fresh, change);
        }

        lock (_gate)
        {
            foreach (var change in _duringReload ?? [])
            {
                ApplyTo(fresh, change);
            }

            _liveUntil = fresh;
            _duringReload = null;
        }
    }

    private async Task ChangeAsync(CredentialChange change)
    {
        Apply(change);

        // Even when the caller has gone: the change is made, and the other nodes must hear of it.
        await _feed.PublishAsync(ChangeKinds.Credentials, change.ToKey(), CancellationToken.None);
    }

    private static void ApplyTo(ConcurrentDictionary<string, DateTimeOffset> liveUntil, CredentialChange change)
    {
        if (change.LiveUntil is { } until)
        {
            liveUntil[change.CredentialId] = until;
        }
        else
        {
            liveUntil.TryRemove(change.CredentialId, out _);
        }
    }
}
