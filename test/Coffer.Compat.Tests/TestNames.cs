namespace Coffer.Compat.Tests;

/// <summary>
/// Every test shares vault 'dev', so each one works on names nobody else uses: a feature prefix and a fresh GUID.
/// Lists are then filtered by that unique stem instead of asserting vault-wide counts.
/// </summary>
internal static class TestNames
{
    /// <summary>A secret name no other test (or earlier run) uses, e.g. <c>life-3f2a…</c>.</summary>
    public static string Unique(string feature) => $"{feature}-{Guid.NewGuid():N}";

    /// <summary>Unix seconds are the wire's resolution, so times set by tests are whole seconds.</summary>
    public static DateTimeOffset WholeSeconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());
}
