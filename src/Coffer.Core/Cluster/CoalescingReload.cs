using Microsoft.Extensions.Logging;

namespace Coffer.Core.Cluster;

/// <summary>
/// Reloads a cache from the store off the change feed's thread (which must not wait on I/O), one reload at a time:
/// requests that arrive while one runs fold into a single further run, which reads what they announced.
/// </summary>
public sealed class CoalescingReload
{
    private const int Idle = 0;
    private const int Running = 1;
    private const int RunningAndRequested = 2;

    private readonly string _cache;
    private readonly Func<CancellationToken, Task> _reload;
    private readonly ILogger _logger;
    private int _state;

    public CoalescingReload(string cache, Func<CancellationToken, Task> reload, ILogger logger)
    {
        _cache = cache;
        _reload = reload;
        _logger = logger;
    }

    /// <summary>Asks for a reload; returns at once.</summary>
    public void Request()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state == RunningAndRequested)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _state, state + 1, state) == state)
            {
                if (state == Idle)
                {
                    _ = Task.Run(RunAsync);
                }

                return;
            }
        }
    }

    private async Task RunAsync()
    {
        do
        {
            try
            {
                await _reload(CancellationToken.None);
            }
            catch (Exception e)
            {
                // The next notice, or the feed's reconnect, asks again; meanwhile the cache serves what it had.
                Log.ClusterReloadFailed(_logger, _cache, e);
            }
        }
        while (Interlocked.Decrement(ref _state) != Idle);
    }
}
