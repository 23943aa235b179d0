using Coffer.Core.Audit;
using Coffer.Core.Paging;

namespace Coffer.Core.Abstractions;

/// <summary>
/// The append-only audit log: hash-chained records, one chain per writing node. Only retention deletes, and only
/// from the old end. Records come back exactly as appended (times at microsecond precision).
/// </summary>
public interface IAuditStore
{
    /// <summary>
    /// Appends sealed records (their chain fields set) in one transaction, durable when the task completes; all or
    /// none. A record whose chain and sequence already exist fails the whole batch.
    /// </summary>
    Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken);

    /// <summary>The newest record of a chain, or null for a chain never written. Retention does not forget a head.</summary>
    Task<AuditChainHead?> GetHeadAsync(string chainId, CancellationToken cancellationToken);

    /// <summary>Every chain's head, by chain id.</summary>
    Task<IReadOnlyList<AuditChainHead>> ListChainsAsync(CancellationToken cancellationToken);

    /// <summary>One page of matching records in the query's order, with a token for the next page.</summary>
    Task<Page<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>A chain's remaining records, by ascending sequence (for verification).</summary>
    IAsyncEnumerable<AuditRecord> ReadChainAsync(string chainId, CancellationToken cancellationToken);

    /// <summary>Deletes records older than <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
