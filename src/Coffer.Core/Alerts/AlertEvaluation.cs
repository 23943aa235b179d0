using Coffer.Core.Audit;

namespace Coffer.Core.Alerts;

/// <summary>
/// One evaluation of a rule at <c>now</c>: counts the matching records not yet sent that lie in the window
/// <c>[now - window, now]</c> (a record stamped while the evaluation runs included), and those that arrived since the
/// previous evaluation although stamped inside its window (a request that started before it and was recorded after).
/// Records are offered newest first (the audit store's order), so the scan stops at the earliest time that can count,
/// or once the count is past any threshold.
/// </summary>
public sealed class AlertEvaluation
{
    /// <summary>How many records a notification lists; the count covers the rest.</summary>
    public const int MaxRecordsSent = 50;

    /// <summary>Counting beyond the largest threshold changes no decision, so a flood is not read to its end.</summary>
    public const int MaxCounted = AlertRuleLimits.MaxThreshold + 1;

    private readonly List<AuditRecord> _records = [];
    private readonly DateTimeOffset? _previousWindowStart;
    private ChainSequences _sent;
    private ChainSequences _seen;
    private DateTimeOffset _earliest = DateTimeOffset.MaxValue;
    private DateTimeOffset _latest = DateTimeOffset.MinValue;

    public AlertEvaluation(AlertRule rule, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Rule = rule;
        Now = now;
        WindowStart = now - rule.Window;
        _sent = rule.State.Sent;
        _seen = rule.State.Seen ?? ChainSequences.Empty;
        // Late arrivals are told apart only by what the previous evaluation saw under the same condition. After a
        // pause longer than a window (the rule disabled, no node evaluating) the windows no longer touch, and looking
        // back would scan the whole gap for records that cannot count.
        if (rule.State is { LastEvaluated: { } last, Seen: not null } && last >= WindowStart && last < now)
        {
            _previousWindowStart = last - rule.Window;
        }
    }

    public AlertRule Rule { get; }

    public DateTimeOffset Now { get; }

    public DateTimeOffset WindowStart { get; }

    /// <summary>The earliest time a record can have and still count: the previous window's start when it began earlier.</summary>
    public DateTimeOffset ScanStart => _previousWindowStart ?? WindowStart;

    /// <summary>Matching records counted so far.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the scan is over: it reached records too old to count, or counted enough.</summary>
    public bool Done { get; private set; }

    /// <summary>Whether the count is greater than the threshold.</summary>
    public bool Fires => Count > Rule.Threshold;

    /// <summary>The audit query that finds the candidates: the rule's filters, from <see cref="ScanStart"/> on, past the records already sent.</summary>
    public AuditQuery Query(int pageSize) => new()
    {
        VaultName = Rule.VaultName,
        OperationNames = Rule.Operations,
        ResultTypes = Rule.ResultTypes,
        CallerId = Rule.Caller,
        Since = ScanStart,
        After = Rule.State.Sent,
        Order = AuditOrder.NewestFirst,
        PageSize = pageSize,
    };

    /// <summary>Takes the next record, newest first; returns false once no further record can count.</summary>
    public bool Offer(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (Done)
        {
            return false;
        }

        if (record.Time < ScanStart)
        {
            Done = true;
            return false;
        }

        // The store filters the same way; checking again keeps the decision exact whatever it returns.
        if (!Matches(Rule, record) || Rule.State.Sent.Includes(record))
        {
            return true;
        }

        _seen = _seen.With(record);
        // Before this window means inside the previous one (it ended at or after this one's start). Each chain becomes
        // visible in sequence order, so a record past what the previous evaluation saw had not arrived then.
        var inWindow = record.Time >= WindowStart;
        var arrivedLate = _previousWindowStart is not null && !Rule.State.Seen!.Includes(record);
        if (!inWindow && !arrivedLate)
        {
            return true;
        }

        _sent = _sent.With(record);
        _earliest = record.Time < _earliest ? record.Time : _earliest;
        _latest = record.Time > _latest ? record.Time : _latest;
        if (_records.Count < MaxRecordsSent)
        {
            _records.Add(record);
        }

        Count++;
        Done = Count >= MaxCounted;
        return !Done;
    }

    /// <summary>
    /// The notification to send when the rule fires; null when it does not. Its window is the rule's, widened to the
    /// records counted (a late arrival stamped before it, a record stamped after <see cref="Now"/>).
    /// </summary>
    public AlertNotification? Notification(Guid id) =>
        Fires
            ? new AlertNotification(id, Rule, Now, _earliest < WindowStart ? _earliest : WindowStart, _latest > Now ? _latest : Now, Count, [.. _records])
            : null;

    /// <summary>
    /// The state to keep once the evaluation is over: evaluated now, with what it saw; when <paramref name="delivered"/>,
    /// fired now with every record counted marked as sent. An undelivered alert marks nothing as sent, so the next
    /// evaluation counts those records again while they are in its window.
    /// </summary>
    public AlertRuleState NextState(bool delivered) =>
        Fires && delivered
            ? new AlertRuleState(Now, Now, _sent, _seen)
            : Rule.State with { LastEvaluated = Now, Seen = _seen };

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
