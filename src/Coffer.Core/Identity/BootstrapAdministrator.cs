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

    /// <summary>The metadata key that names the one node allowed to create the administrator and show its secret.</summary>
    public const string ClaimKey = "bootstrap-admin-claim";

    private readonly IMetadataStore _metadata;
    private readonly ServicePrincipalService _principals;
    private readonly AccessEvaluator _access;
    private readonly IRoleAssignmentStore _assignments;
    private readonly ILogger<BootstrapAdministrator> _logger;

    public BootstrapAdministrator(IMetadataStore metadata, ServicePrincipalService principals, AccessEvaluator access, IRoleAssignmentStore assignments, ILogger<BootstrapAdministrator> logger)
    {
        _metadata = metadata;
        _principals = principals;
        _access = access;
        _assignments = assignments;
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
    /// next start (same data directory, same node id) shows a new one.
    /// </remarks>
    public async Task<(ServicePrincipal Principal, NewPassword Password)?> CreateIfNewAsync(string claimant, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(claimant);
        if (await _metadata.GetAsync(MetadataKey, cancellationToken) is not null)
        {
            return null;
        }

        var holder = await _metadata.GetOrAddAsync(ClaimKey, claimant, cancellationToken);
        if (!string.Equals(holder, claimant, StringComparison.Ordinal))
        {
            Log.BootstrapAdministratorClaimed(_logger, DisplayName, holder);
            return null;
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

    /// <summary>Records that the administrator's secret was shown, so no later start shows one again.</summary>
    public Task MarkShownAsync(ServicePrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return _metadata.GetOrAddAsync(MetadataKey, principal.AppId.ToString("D"), cancellationToken);
    }
}
