using Coffer.Core.Audit;

namespace Coffer.Core.Alerts;

/// <summary>
/// One evaluation of a rule at <c>now</c>: counts the records that match its condition, lie in
/// <c>[now - window, now)</c> and come after the newest record it already alerted on. Records are offered newest
/// first (the audit store's order), so the scan stops at that cursor, or once the count is past any threshold.
/// </summary>
public sealed class AlertEvaluation
{
    /// <summary>How many records a notification lists; the count covers the rest.</summary>
    public const int MaxRecordsSent = 50;

    /// <summary>Counting beyond the largest threshold changes no decision, so a flood is not read to its end.</summary>
    public const int MaxCounted = AlertRuleLimits.MaxThreshold + 1;

    private readonly List<AuditRecord> _records = [];
    private AuditRecord? _newest;

    public AlertEvaluation(AlertRule rule, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Rule = rule;
        Now = now;
        WindowStart = now - rule.Window;
    }

    public AlertRule Rule { get; }

    public DateTimeOffset Now { get; }

    public DateTimeOffset WindowStart { get; }

    /// <summary>New matching records seen so far.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the scan is over: it reached records already alerted on, or counted enough.</summary>
    public bool Done { get; private set; }

    /// <summary>Whether the count is greater than the threshold.</summary>
    public bool Fires => Count > Rule.Threshold;

    /// <summary>
    /// The audit query that finds the candidates: the rule's filters over the window, from the cursor's time on
    /// when that is later (inclusive, so records sharing the cursor's time are offered and told apart here).
    /// </summary>
    public AuditQuery Query(int pageSize)
    {
        var cursor = Rule.State.Cursor;
        return new AuditQuery
        {
            VaultName = Rule.VaultName,
            OperationNames = Rule.Operations,
            ResultTypes = Rule.ResultTypes,
            CallerId = Rule.Caller,
            Since = cursor is not null && cursor.Time > WindowStart ? cursor.Time : WindowStart,
            Until = Now,
            Order = AuditOrder.NewestFirst,
            PageSize = pageSize,
        };
    }

    /// <summary>Takes the next record, newest first; returns false once no further record can count.</summary>
    public bool Offer(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (Done)
        {
            return false;
        }

        var cursor = Rule.State.Cursor;
        if (record.Time < WindowStart || (cursor is not null && record.Time < cursor.Time))
        {
            Done = true;
            return false;
        }

        // Records sharing the cursor's time may come in any chain order: skip those already sent, keep looking.
        if (record.Time >= Now || (cursor is not null && !cursor.Precedes(record)) || !Matches(Rule, record))
        {
            return true;
        }

        if (_newest is null || AlertCursor.Of(_newest).Precedes(record))
        {
            _newest = record;
        }
        if (_records.Count < MaxRecordsSent)
        {
            _records.Add(record);
        }

        Count++;
        Done = Count >= MaxCounted;
        return !Done;
    }

    /// <summary>The notification to send when the rule fires; null when it does not.</summary>
    public AlertNotification? Notification(Guid id) =>
        Fires ? new AlertNotification(id, Rule, Now, WindowStart, Now, Count, [.. _records]) : null;

    /// <summary>
    /// The state to keep once the evaluation is over: evaluated now and, when <paramref name="delivered"/>, fired now
    /// with the cursor moved to the newest record sent. An undelivered alert leaves the cursor, so the next
    /// evaluation counts those records again while they are in the window.
    /// </summary>
    public AlertRuleState NextState(bool delivered) =>
        Fires && delivered
            ? new AlertRuleState(Now, Now, AlertCursor.Of(_newest!)) // Fires means at least one record was counted, the newest first
            : Rule.State with { LastEvaluated = Now };

    /// <summary>The rule's condition on one record (the store filters the same way; this keeps the decision exact whatever it returns).</summary>
    public static bool Matches(AlertRule rule, AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(record);
        return (rule.VaultName is null || string.Equals(rule.VaultName, record.VaultName, StringComparison.OrdinalIgnoreCase))
            && rule.Operations.Contains(record.OperationName, StringComparer.OrdinalIgnoreCase)
            && (rule.ResultTypes.Count == 0 || rule.ResultTypes.Contains(record.ResultType, StringComparer.OrdinalIgnoreCase))
            && (rule.Caller is null
                || string.Equals(rule.Caller, record.Identity?.ObjectId, StringComparison.OrdinalIgnoreCase)
                || string.Equals(rule.Caller, record.Identity?.ApplicationId, StringComparison.OrdinalIgnoreCase));
    }
}
