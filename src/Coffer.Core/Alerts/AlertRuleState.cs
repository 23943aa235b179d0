namespace Coffer.Core.Alerts;

/// <summary>
/// A rule's evaluation progress, persisted so a restart or another node taking over neither re-fires nor skips:
/// when it was last evaluated and fired, and the newest audit record already sent (its time, chain and sequence, the
/// audit log's total order).
/// </summary>
public sealed record AlertRuleState(DateTimeOffset? LastEvaluated, DateTimeOffset? LastFired, AlertCursor? Cursor)
{
    public static AlertRuleState Initial { get; } = new(null, null, null);
}
