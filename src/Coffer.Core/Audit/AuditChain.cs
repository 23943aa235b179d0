using System.Buffers;
using System.Security.Cryptography;

namespace Coffer.Core.Audit;

/// <summary>
/// Links records into a tamper-evident chain: each record's hash is SHA-256 over the previous record's hash and a
/// canonical form of the record, so changing, removing or reordering any record breaks every hash after it.
/// </summary>
/// <remarks>The canonical form is <see cref="AuditRecordFormat"/>'s.</remarks>
public static class AuditChain
{
    public static readonly string GenesisHash = new('0', 64);

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _canonical;

    /// <summary>Places <paramref name="record"/> after <paramref name="previous"/> (null: first of its chain) and hashes it.</summary>
    public static AuditRecord Seal(AuditRecord record, string chainId, AuditChainHead? previous)
    {
        ArgumentNullException.ThrowIfNull(record);
        var sealedRecord = record with
        {
            ChainId = chainId,
            Sequence = (previous?.Sequence ?? 0) + 1,
            PreviousHash = previous?.Hash ?? GenesisHash,
            Time = TruncateToMicroseconds(record.Time),
        };
        return sealedRecord with { Hash = ComputeHash(sealedRecord) };
    }

    /// <summary>The hash the record should carry, from its <see cref="AuditRecord.PreviousHash"/> and fields.</summary>
    public static string ComputeHash(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        // The writer hashes every record it seals: one reused buffer per thread rather than arrays per record.
        var canonical = _canonical ??= new ArrayBufferWriter<byte>(1024);
        canonical.ResetWrittenCount();
        AuditRecordFormat.Write(record, canonical);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(canonical.WrittenSpan, hash);
        return Convert.ToHexStringLower(hash);
    }

    public static long ToUnixMicroseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    public static DateTimeOffset FromUnixMicroseconds(long microseconds) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + (microseconds * TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);

    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset time) => FromUnixMicroseconds(ToUnixMicroseconds(time));
}
