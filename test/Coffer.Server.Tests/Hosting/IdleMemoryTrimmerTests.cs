using Coffer.Server.Hosting;

namespace Coffer.Server.Tests.Hosting;

/// <summary>When the idle trim runs: once after a burst, when an interval allocates almost nothing; never while busy.</summary>
public sealed class IdleMemoryTrimmerTests
{
    private const long MiB = 1024 * 1024;

    /// <summary>Feeds per-interval allocations and returns, per interval, whether it trimmed.</summary>
    private static List<bool> Run(params long[] perInterval)
    {
        using var trimmer = new IdleMemoryTrimmer();
        var total = GC.GetTotalAllocatedBytes();
        var decisions = new List<bool>();
        foreach (var bytes in perInterval)
        {
            total += bytes;
            decisions.Add(trimmer.Observe(total));
        }

        return decisions;
    }

    [Fact]
    public void Observe_BurstThenQuiet_TrimsOnceWhenItGoesQuiet()
    {
        // Act
        var decisions = Run(200 * MiB, 200 * MiB, 1 * MiB, 1 * MiB, 0);

        // Assert
        Assert.Equal([false, false, true, false, false], decisions);
    }

    [Fact]
    public void Observe_Busy_NeverTrims()
    {
        // Act
        var decisions = Run(100 * MiB, 100 * MiB, 5 * MiB, 100 * MiB);

        // Assert
        Assert.DoesNotContain(true, decisions);
    }

    [Fact]
    public void Observe_QuietTrickle_TrimsOnlyOnceTheTrickleAddsUpToABurst()
    {
        // Act: 3 MiB an interval is idle, but it takes 86 of them to allocate 256 MiB.
        var decisions = Run([.. Enumerable.Repeat(3 * MiB, 100)]);

        // Assert
        Assert.Equal(1, decisions.Count(d => d));
        Assert.True(decisions[85]);
    }
}
