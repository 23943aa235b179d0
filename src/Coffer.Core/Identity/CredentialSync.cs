using Coffer.Core.Abstractions;
using Coffer.Core.Cluster;
using Microsoft.Extensions.Logging;

namespace Coffer.Core.Identity;

/// <summary>
/// Fills the <see cref="CredentialDirectory"/> from the stores: at start, and again whenever the change feed
/// (re)connects and may have missed some of the changes other nodes published (the directory applies those it hears).
/// </summary>
public sealed class CredentialSync : IDisposable
{
    private readonly CredentialDirectory _directory;
    private readonly ServicePrincipalService _principals;
    private readonly IdentityService _identities;
    private readonly CoalescingReload _reload;
    private readonly SemaphoreSlim _loading = new(1, 1);

    public CredentialSync(CredentialDirectory directory, ServicePrincipalService principals, IdentityService identities, IChangeFeed feed, ILogger<CredentialSync> logger)
    {
        ArgumentNullException.ThrowIfNull(feed);
        _directory = directory;
        _principals = principals;
        _identities = identities;
        _reload = new CoalescingReload("credential directory", LoadAsync, logger);
        feed.Subscribe(ChangeKinds.Credentials, key =>
        {
            if (key is null)
            {
                _reload.Request();
            }
        });
    }

    /// <summary>Makes the directory every live credential of the stores. Called at start, before anything is served.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            _directory.BeginReload();
            var live = new List<CredentialChange>();
            live.AddRange(await _principals.ListLiveCredentialsAsync(cancellationToken));
            live.AddRange(await _identities.ListLiveCredentialsAsync(cancellationToken));
            _directory.CompleteReload(live);
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Dispose() => _loading.Dispose();
}
