using Coffer.Core.Abstractions;
using Coffer.Core.Identity;

namespace Coffer.Server.Hosting;

/// <summary>
/// Keeps the token machinery current: rotates the signing keys (publishes the next key ahead of its activation and
/// drops a retired key once no token it signed can still be valid) and forgets revocations older than any token. The
/// node that holds the lease does that for the cluster; every other node reads the keys again each round, a fallback
/// for a change notice it may have missed.
/// </summary>
internal sealed class TokenMaintenanceJob : BackgroundService
{
    public const string LeaseName = "token-maintenance";

    // Far shorter than the 1-day default pre-publication, so a new key is never published late.
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);
    private readonly SigningKeyRing _keys;
    private readonly SigningKeyRotation _rotation;
    private readonly IdentityService _identities;
    private readonly TokenAuthority _authority;
    private readonly IJobLease _lease;
    private readonly TimeProvider _time;
    private readonly ILogger<TokenMaintenanceJob> _logger;

    public TokenMaintenanceJob(
        SigningKeyRing keys, SigningKeyRotation rotation, IdentityService identities, TokenAuthority authority, IJobLease lease, TimeProvider time, ILogger<TokenMaintenanceJob> logger)
    {
        _lease = lease;
        _keys = keys;
        _rotation = rotation;
        _identities = identities;
        _authority = authority;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A token is valid until its exp plus the clock skew a verifier grants.
        var longestValidity = _authority.Lifetime + _authority.ClockSkew;
        using var timer = new PeriodicTimer(Interval, _time);
        do
        {
            try
            {
                if (await _lease.TryHoldAsync(LeaseName, stoppingToken))
                {
                    await _keys.RotateAsync(_rotation, longestValidity, stoppingToken);
                    await _identities.PruneRevokedCredentialsAsync(longestValidity, stoppingToken);
                }
                else
                {
                    await _keys.ReloadAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.TokenMaintenanceFailed(_logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
