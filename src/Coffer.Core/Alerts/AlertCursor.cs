using Coffer.Core.Audit;

namespace Coffer.Core.Alerts;

/// <summary>
/// A position in the audit log's order (time, then chain, then sequence): the newest record a rule already alerted
/// on. Records at or before it never count again.
/// </summary>
public sealed record AlertCursor(DateTimeOffset Time, string ChainId, long Sequence)
{
    public static AlertCursor Of(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Time, record.ChainId, record.Sequence);
    }

    /// <summary>Whether <paramref name="record"/> comes after this position.</summary>
    public bool Precedes(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var byTime = record.Time.CompareTo(Time);
        if (byTime != 0)
        {
            return byTime > 0;
        }

        var byChain = string.CompareOrdinal(record.ChainId, ChainId);
        return byChain != 0 ? byChain > 0 : record.Sequence > Sequence;
    }
}
