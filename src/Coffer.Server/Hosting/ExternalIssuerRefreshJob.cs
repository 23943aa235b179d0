using Coffer.Core.Identity.External;

namespace Coffer.Server.Hosting;

/// <summary>Keeps the trusted external issuers' signing keys fresh (does nothing when none is trusted).</summary>
internal sealed class ExternalIssuerRefreshJob(ExternalIssuers issuers) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await issuers.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
