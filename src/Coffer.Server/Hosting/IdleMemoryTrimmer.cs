using System.Runtime;
using System.Runtime.InteropServices;

namespace Coffer.Server.Hosting;

/// <summary>
/// Gives memory back once the server is idle after a burst of work: a compacting collection that decommits the free
/// heap (<see cref="GCCollectionMode.Aggressive"/>), then glibc's <c>malloc_trim</c> for the native heaps (SQLite,
/// OpenSSL). Otherwise the runtime keeps both for the next burst, and that is what a container's memory limit sees.
/// Idle means the process allocated almost nothing for a whole interval; it trims once per idle period, only after
/// real work, so a quiet server is not collected again and again, and a busy one never.
/// </summary>
internal sealed class IdleMemoryTrimmer : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>Less than this allocated in one interval is idle (background jobs and the odd request allocate a little).</summary>
    public const long IdleBytes = 4 * 1024 * 1024;

    /// <summary>At least this allocated since the last trim is a burst worth giving memory back after.</summary>
    public const long BurstBytes = 256 * 1024 * 1024;

    private long _allocated = GC.GetTotalAllocatedBytes();
    private long _sinceTrim;

    /// <summary>Takes the process's allocation total at the end of an interval; true when now is the time to trim.</summary>
    public bool Observe(long allocatedTotal)
    {
        var interval = allocatedTotal - _allocated;
        _allocated = allocatedTotal;
        _sinceTrim += interval;
        if (interval >= IdleBytes || _sinceTrim < BurstBytes)
        {
            return false;
        }

        _sinceTrim = 0;
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (Observe(GC.GetTotalAllocatedBytes()))
            {
                Trim();
                _allocated = GC.GetTotalAllocatedBytes(); // the trim's own allocations are not work
            }
        }
    }

    private static void Trim()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // Not glibc (musl has no malloc_trim): the collection alone still gives the managed heap back.
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
