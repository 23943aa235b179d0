using Coffer.Core.Audit;

namespace Coffer.Core.Alerts;

/// <summary>
/// A rule's evaluation progress, persisted so a restart or another node taking over neither re-fires nor skips: when
/// it was last evaluated and fired; <see cref="Sent"/>, how far each audit chain's records were already sent (they
/// never count again); and <see cref="Seen"/>, how far each chain's matching records had arrived at the last
/// evaluation, which tells a record that arrived late from one already counted. <see cref="Seen"/> is null until the
/// rule is evaluated under its current condition (a rule stored before it was kept, or whose condition was replaced).
/// </summary>
public sealed record AlertRuleState(DateTimeOffset? LastEvaluated, DateTimeOffset? LastFired, ChainSequences Sent, ChainSequences? Seen)
{
    public static AlertRuleState Initial { get; } = new(null, null, ChainSequences.Empty, null);
}
