namespace Coffer.Core.Audit;

/// <summary>Order of a query's results, by time (then chain and sequence, so ties are stable).</summary>
public enum AuditOrder
{
    NewestFirst = 0,
    OldestFirst = 1,
}
