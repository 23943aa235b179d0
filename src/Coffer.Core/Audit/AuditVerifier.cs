using Coffer.Core.Abstractions;

namespace Coffer.Core.Audit;

/// <summary>
/// Walks every chain in sequence order and recomputes each hash. A chain's oldest remaining record is trusted to link
/// to what retention deleted; from there every record must follow its predecessor (next sequence, its hash as
/// previous hash) and carry its own hash, and the last must be the head the store keeps.
/// </summary>
public static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(IAuditStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var chains = await store.ListChainsAsync(cancellationToken);
        long checkedRecords = 0;
        foreach (var head in chains)
        {
            AuditRecord? previous = null;
            await foreach (var record in store.ReadChainAsync(head.ChainId, cancellationToken))
            {
                checkedRecords++;
                var reason = Check(previous, record);
                if (reason is not null)
                {
                    return Broken(checkedRecords, chains.Count, head.ChainId, record.Sequence, record, reason);
                }

                previous = record;
            }

            if (previous is null)
            {
                // Retention removed every record; the head alone is nothing to check against.
                continue;
            }

            if (previous.Sequence != head.Sequence || !string.Equals(previous.Hash, head.Hash, StringComparison.Ordinal))
            {
                var reason = previous.Sequence < head.Sequence
                    ? $"records {previous.Sequence + 1} to {head.Sequence} are missing from the end of the chain"
                    : "the newest record does not match the chain's head";
                return Broken(checkedRecords, chains.Count, head.ChainId, Math.Min(previous.Sequence + 1, head.Sequence), null, reason);
            }
        }

        return new AuditVerification(checkedRecords, chains.Count);
    }

    private static string? Check(AuditRecord? previous, AuditRecord record)
    {
        if (previous is not null && record.Sequence != previous.Sequence + 1)
        {
            return $"records {previous.Sequence + 1} to {record.Sequence - 1} are missing";
        }

        if (previous is not null && !string.Equals(record.PreviousHash, previous.Hash, StringComparison.Ordinal))
        {
            return "its previous hash is not the hash of the record before it";
        }

        return string.Equals(AuditChain.ComputeHash(record), record.Hash, StringComparison.Ordinal)
            ? null
            : "its content does not match its hash (it was altered)";
    }

    private static AuditVerification Broken(long checkedRecords, int chains, string chainId, long sequence, AuditRecord? record, string reason) =>
        new(checkedRecords, chains) { BrokenChainId = chainId, BrokenSequence = sequence, BrokenRecord = record, Reason = reason };
}
