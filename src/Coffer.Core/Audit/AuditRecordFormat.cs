using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Coffer.Core.Audit;

/// <summary>
/// The canonical binary form of a sealed record: what its hash covers (<see cref="AuditChain"/>) and what a store's
/// journal keeps. Every field in declaration order (the hash itself excepted); text as a 4-byte big-endian UTF-8 length
/// (-1 for null) and the bytes; numbers as 8-byte big-endian; the time as Unix microseconds. It is independent of any
/// serializer, so a record hashes the same in every store and every version, and it reads back to the same record.
/// </summary>
public static class AuditRecordFormat
{
    private const byte Version = 1;

    /// <summary>Appends <paramref name="record"/>'s canonical form to <paramref name="output"/>.</summary>
    public static void Write(AuditRecord record, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(output);
        output.GetSpan(1)[0] = Version;
        output.Advance(1);
        Text(output, record.PreviousHash);
        Text(output, record.ChainId);
        Number(output, record.Sequence);
        Number(output, AuditChain.ToUnixMicroseconds(record.Time));
        Text(output, record.ResourceId);
        Text(output, record.VaultName);
        Text(output, record.OperationName);
        Text(output, record.OperationVersion);
        Text(output, record.Category);
        Text(output, record.ResultType);
        Text(output, record.ResultSignature);
        Text(output, record.ResultDescription);
        Number(output, record.DurationMs);
        Text(output, record.CallerIpAddress);
        Text(output, record.CorrelationId);
        Number(output, record.Identity is null ? -1 : 1);
        Text(output, record.Identity?.ObjectId);
        Text(output, record.Identity?.ApplicationId);
        Text(output, record.Identity?.UserPrincipalName);
        Text(output, record.Identity?.TenantId);
        Text(output, record.ClientInfo);
        Text(output, record.RequestUri);
        Number(output, record.HttpStatusCode);
        Text(output, record.ObjectUri);
        Number(output, (long)record.Authorization);
    }

    /// <summary>Reads back what <see cref="Write"/> wrote, with <paramref name="hash"/> as the record's hash; null when the bytes are not one whole record.</summary>
    public static AuditRecord? Read(ReadOnlySpan<byte> bytes, string hash)
    {
        var reader = new Reader(bytes);
        if (!reader.TryByte(out var version) || version != Version)
        {
            return null;
        }

        try
        {
            var previousHash = reader.Text()!;
            var chainId = reader.Text()!;
            var sequence = reader.Number();
            var time = AuditChain.FromUnixMicroseconds(reader.Number());
            var resourceId = reader.Text()!;
            var vaultName = reader.Text();
            var operationName = reader.Text()!;
            var operationVersion = reader.Text();
            var category = reader.Text()!;
            var resultType = reader.Text()!;
            var resultSignature = reader.Text()!;
            var resultDescription = reader.Text();
            var durationMs = reader.Number();
            var callerIpAddress = reader.Text();
            var correlationId = reader.Text();
            var hasIdentity = reader.Number() == 1;
            var (objectId, applicationId, userPrincipalName, tenantId) = (reader.Text(), reader.Text(), reader.Text(), reader.Text());
            var clientInfo = reader.Text();
            var requestUri = reader.Text()!;
            var httpStatusCode = (int)reader.Number();
            var objectUri = reader.Text();
            var authorization = (AuditAuthorization)reader.Number();
            return !reader.AtEnd ? null : new AuditRecord
            {
                ChainId = chainId,
                Sequence = sequence,
                PreviousHash = previousHash,
                Hash = hash,
                Time = time,
                ResourceId = resourceId,
                VaultName = vaultName,
                OperationName = operationName,
                OperationVersion = operationVersion,
                Category = category,
                ResultType = resultType,
                ResultSignature = resultSignature,
                ResultDescription = resultDescription,
                DurationMs = durationMs,
                CallerIpAddress = callerIpAddress,
                CorrelationId = correlationId,
                Identity = hasIdentity ? new AuditIdentity(objectId, applicationId, userPrincipalName) { TenantId = tenantId } : null,
                ClientInfo = clientInfo,
                RequestUri = requestUri,
                HttpStatusCode = httpStatusCode,
                ObjectUri = objectUri,
                Authorization = authorization,
            };
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static void Number(IBufferWriter<byte> output, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    private static void Text(IBufferWriter<byte> output, string? value)
    {
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(4), -1);
            output.Advance(4);
            return;
        }

        var span = output.GetSpan(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var count = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32BigEndian(span, count);
        output.Advance(4 + count);
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private ReadOnlySpan<byte> _rest = bytes;

        public readonly bool AtEnd => _rest.IsEmpty;

        public bool TryByte(out byte value)
        {
            if (_rest.IsEmpty)
            {
                value = 0;
                return false;
            }

            value = _rest[0];
            _rest = _rest[1..];
            return true;
        }

        public long Number()
        {
            if (_rest.Length < 8)
            {
                throw new FormatException();
            }

            var value = BinaryPrimitives.ReadInt64BigEndian(_rest);
            _rest = _rest[8..];
            return value;
        }

        public string? Text()
        {
            if (_rest.Length < 4)
            {
                throw new FormatException();
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(_rest);
            _rest = _rest[4..];
            if (length == -1)
            {
                return null;
            }

            if (length < 0 || length > _rest.Length)
            {
                throw new FormatException();
            }

            var value = Encoding.UTF8.GetString(_rest[..length]);
            _rest = _rest[length..];
            return value;
        }
    }
}
