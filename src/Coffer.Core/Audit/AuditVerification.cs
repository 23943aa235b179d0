namespace Coffer.Core.Audit;

/// <summary>
/// The outcome of <see cref="AuditVerifier.VerifyAsync"/>: how many records were checked and, when a chain is broken,
/// the first bad record (or, when records are missing at the new end, the chain's head) and why.
/// </summary>
public sealed record AuditVerification(long RecordsChecked, int ChainsChecked)
{
    public bool IsIntact => BrokenChainId is null;

    public string? BrokenChainId { get; init; }

    public long BrokenSequence { get; init; }

    /// <summary>The broken record as stored (null when it is missing).</summary>
    public AuditRecord? BrokenRecord { get; init; }

    public string? Reason { get; init; }
}
