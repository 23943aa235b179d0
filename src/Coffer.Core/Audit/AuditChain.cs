using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Coffer.Core.Audit;

/// <summary>
/// Links records into a tamper-evident chain: each record's hash is SHA-256 over the previous record's hash and a
/// canonical form of the record, so changing, removing or reordering any record breaks every hash after it.
/// </summary>
/// <remarks>
/// The canonical form is binary and fixed: every field in declaration order, text as a 4-byte big-endian UTF-8
/// length (-1 for null) followed by the bytes, numbers as 8-byte big-endian, the time as Unix microseconds. It is
/// independent of any JSON serializer, so a record hashes the same in every store and every version.
/// </remarks>
public static class AuditChain
{
    public static readonly string GenesisHash = new('0', 64);

    private const byte FormatVersion = 1;

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
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        hash.AppendData([FormatVersion]);
        Append(hash, record.PreviousHash);
        Append(hash, record.ChainId);
        Append(hash, record.Sequence, number);
        Append(hash, ToUnixMicroseconds(record.Time), number);
        Append(hash, record.ResourceId);
        Append(hash, record.VaultName);
        Append(hash, record.OperationName);
        Append(hash, record.OperationVersion);
        Append(hash, record.Category);
        Append(hash, record.ResultType);
        Append(hash, record.ResultSignature);
        Append(hash, record.ResultDescription);
        Append(hash, record.DurationMs, number);
        Append(hash, record.CallerIpAddress);
        Append(hash, record.CorrelationId);
        Append(hash, record.Identity is null ? -1 : 1, number);
        Append(hash, record.Identity?.ObjectId);
        Append(hash, record.Identity?.ApplicationId);
        Append(hash, record.Identity?.UserPrincipalName);
        Append(hash, record.Identity?.TenantId);
        Append(hash, record.ClientInfo);
        Append(hash, record.RequestUri);
        Append(hash, record.HttpStatusCode, number);
        Append(hash, record.ObjectUri);
        Append(hash, (long)record.Authorization, number);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static long ToUnixMicroseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    public static DateTimeOffset FromUnixMicroseconds(long microseconds) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + (microseconds * TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);

    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset time) => FromUnixMicroseconds(ToUnixMicroseconds(time));

    private static void Append(IncrementalHash hash, long value, Span<byte> buffer)
    {
        BinaryPrimitives.WriteInt64BigEndian(buffer, value);
        hash.AppendData(buffer);
    }

    private static void Append(IncrementalHash hash, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, -1);
            hash.AppendData(length);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
