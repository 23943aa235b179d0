using Coffer.Core.Audit;

namespace Coffer.Core.Alerts;

/// <summary>
/// One firing of a rule: the window evaluated, how many new matching records it held, and the newest of them
/// (at most <see cref="AlertEvaluation.MaxRecordsSent"/>), newest first.
/// </summary>
public sealed record AlertNotification(Guid Id, AlertRule Rule, DateTimeOffset Fired, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, int Count, IReadOnlyList<AuditRecord> Records)
{
    /// <summary>Whether more records matched than the notification lists.</summary>
    public bool Truncated => Count > Records.Count;
}
