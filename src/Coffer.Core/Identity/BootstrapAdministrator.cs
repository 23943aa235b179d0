using System.Globalization;
using Coffer.Core.Abstractions;
using Coffer.Core.Authorization;
using Microsoft.Extensions.Logging;

namespace Coffer.Core.Identity;

/// <summary>
/// The first administrator of a new deployment: service principal <c>coffer-admin</c> with Owner and Key Vault
/// Administrator at <c>/</c>. Its secret is shown once, at the first start; the metadata then records that it was,
/// so later starts show nothing.
/// </summary>
public sealed class BootstrapAdministrator
{
    public const string DisplayName = "coffer-admin";

    /// <summary>The metadata key that records the administrator's app id once its credential has been shown.</summary>
    public const string MetadataKey = "bootstrap-admin";

    /// <summary>
    /// The metadata key that names the one node allowed to create the administrator and show its secret, and when it
    /// claimed that: <c>{node}@{unix seconds}</c>.
    /// </summary>
    public const string ClaimKey = "bootstrap-admin-claim";

    /// <summary>
    /// How long a claim whose secret was never shown binds the other nodes. A node shows the secret within seconds of
    /// claiming it, so an older claim belongs to a node that stopped first and may never return (an ephemeral volume).
    /// </summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(10);

    private readonly IMetadataStore _metadata;
    private readonly ServicePrincipalService _principals;
    private readonly AccessEvaluator _access;
    private readonly IRoleAssignmentStore _assignments;
    private readonly TimeProvider _time;
    private readonly ILogger<BootstrapAdministrator> _logger;

    public BootstrapAdministrator(
        IMetadataStore metadata, ServicePrincipalService principals, AccessEvaluator access, IRoleAssignmentStore assignments, TimeProvider time,
        ILogger<BootstrapAdministrator> logger)
    {
        _metadata = metadata;
        _principals = principals;
        _access = access;
        _assignments = assignments;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// On a deployment whose administrator was never shown, creates it (or, after a start that stopped before showing
    /// the secret, gives the existing one a new secret) and returns it with its secret; otherwise null. The caller
    /// shows the secret and then calls <see cref="MarkShownAsync"/>.
    /// </summary>
    /// <remarks>
    /// Nodes starting together on a new database race here: the first to store its <paramref name="claimant"/> id
    /// under <see cref="ClaimKey"/> creates the administrator, and the others show nothing, so there is one
    /// <c>coffer-admin</c> and one secret. The claim stays with that node: if it stops before showing the secret, its
    /// next start (same data directory, same node id) shows a new one. Once the claim is older than
    /// <see cref="ClaimLifetime"/>, the next node to start takes it over (one node only: compare and swap) and shows
    /// a new secret instead.
    /// </remarks>
    public async Task<(ServicePrincipal Principal, NewPassword Password)?> CreateIfNewAsync(string claimant, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(claimant);
        if (await _metadata.GetAsync(MetadataKey, cancellationToken) is not null)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        var mine = claimant + "@" + now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var claim = await _metadata.GetOrAddAsync(ClaimKey, mine, cancellationToken);
        var (holder, claimed) = ParseClaim(claim);
        if (!string.Equals(holder, claimant, StringComparison.Ordinal))
        {
            if (now - claimed < ClaimLifetime)
            {
                Log.BootstrapAdministratorClaimed(_logger, DisplayName, holder);
                return null;
            }

            if (!await _metadata.ReplaceAsync(ClaimKey, claim, mine, cancellationToken))
            {
                Log.BootstrapAdministratorClaimed(_logger, DisplayName, "another node");
                return null;
            }

            Log.BootstrapAdministratorClaimTakenOver(_logger, DisplayName, holder, ClaimLifetime);
        }

        var principal = await _principals.FindByDisplayNameAsync(DisplayName, cancellationToken)
            ?? await _principals.CreateAsync(DisplayName, cancellationToken);
        var held = await _assignments.ListForPrincipalAsync(principal.ObjectId, cancellationToken);
        foreach (var role in new[] { BuiltInRoles.Owner, BuiltInRoles.Administrator })
        {
            if (!held.Any(a => a.RoleDefinitionId == role.Id && a.Scope == "/"))
            {
                await _access.AssignAsync(principal.ObjectId, role, "/", cancellationToken);
            }
        }

        var password = await _principals.AddPasswordAsync(principal, "bootstrap", end: null, cancellationToken);
        Log.BootstrapAdministratorCreated(_logger, DisplayName, principal.AppId);
        return (principal, password);
    }

    /// <summary>
    /// The node and time of a claim. A claim written before claims carried a time (the node's id alone) counts as
    /// claimed long ago: it is either this node's own or one that never showed its secret.
    /// </summary>
    private static (string Holder, DateTimeOffset Claimed) ParseClaim(string claim)
    {
        var at = claim.LastIndexOf('@');
        return at > 0 && long.TryParse(claim.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? (claim[..at], DateTimeOffset.FromUnixTimeSeconds(seconds))
            : (claim, DateTimeOffset.MinValue);
    }

    /// <summary>Records that the administrator's secret was shown, so no later start shows one again.</summary>
    public Task MarkShownAsync(ServicePrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return _metadata.GetOrAddAsync(MetadataKey, principal.AppId.ToString("D"), cancellationToken);
    }
}
