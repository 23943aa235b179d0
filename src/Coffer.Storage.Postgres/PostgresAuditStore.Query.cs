using System.Globalization;
using System.Text;
using Coffer.Core.Audit;
using Coffer.Core.Crypto;
using Coffer.Core.Errors;
using Coffer.Core.Paging;
using NpgsqlTypes;

namespace Coffer.Storage.Postgres;

/// <summary>Filtered, keyset-paged reads of the audit log; names and ids compare case-insensitively, as in SQLite.</summary>
internal sealed partial class PostgresAuditStore
{
    public async Task<Page<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > AuditQuery.MaxPageSize)
        {
            throw CofferErrors.BadParameter($"The page size must be between 1 and {AuditQuery.MaxPageSize}; it was {query.PageSize}.");
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("");
        var newestFirst = query.Order == AuditOrder.NewestFirst;
        var sql = new StringBuilder($"SELECT {Columns} FROM audit_records WHERE true");
        if (query.VaultName is not null)
        {
            sql.Append(" AND lower(vault_name) = lower(@vault)");
            command.With("@vault", query.VaultName);
        }

        if (query.OperationNames.Count > 0)
        {
            sql.Append(" AND lower(operation_name) = ANY (@ops)");
            command.Parameters.Add(new("@ops", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = query.OperationNames.Select(n => n.ToLowerInvariant()).ToArray() });
        }

        if (query.ResultTypes.Count > 0)
        {
            sql.Append(" AND lower(result_type) = ANY (@results)");
            command.Parameters.Add(new("@results", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = query.ResultTypes.Select(n => n.ToLowerInvariant()).ToArray() });
        }

        if (query.HttpStatusCodes.Count > 0)
        {
            sql.Append(" AND http_status_code = ANY (@statuses)");
            command.Parameters.Add(new("@statuses", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = query.HttpStatusCodes.ToArray() });
        }

        if (query.CallerId is not null)
        {
            sql.Append(" AND (lower(identity_oid) = lower(@caller) OR lower(identity_appid) = lower(@caller))");
            command.With("@caller", query.CallerId);
        }

        if (query.Since is { } since)
        {
            sql.Append(" AND time_us >= @since");
            command.With("@since", AuditChain.ToUnixMicroseconds(since));
        }

        if (query.Until is { } until)
        {
            sql.Append(" AND time_us < @until");
            command.With("@until", AuditChain.ToUnixMicroseconds(until));
        }

        var after = 0;
        foreach (var (chain, sequence) in query.After?.ByChain ?? ChainSequences.Empty.ByChain)
        {
            var (chainName, sequenceName) = (Parameter("@afterChain", after), Parameter("@afterSeq", after++));
            sql.Append($" AND NOT (chain_id = {chainName} AND sequence <= {sequenceName})");
            command.With(chainName, chain).With(sequenceName, sequence);
        }

        if (query.Continuation is not null)
        {
            var (time, chain, sequence) = DecodeContinuation(query.Continuation);
            sql.Append(newestFirst ? " AND (time_us, chain_id, sequence) < (@ctime, @cchain, @cseq)" : " AND (time_us, chain_id, sequence) > (@ctime, @cchain, @cseq)");
            command.With("@ctime", time).With("@cchain", chain).With("@cseq", sequence);
        }

        sql.Append(newestFirst ? " ORDER BY time_us DESC, chain_id DESC, sequence DESC" : " ORDER BY time_us, chain_id, sequence");
        // One more than a page tells whether another page follows without a second query.
        sql.Append(" LIMIT @limit");
        command.With("@limit", query.PageSize + 1);
        command.CommandText = sql.ToString();

        var records = new List<AuditRecord>(Math.Min(query.PageSize + 1, 128));
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                records.Add(Read(reader));
            }
        }

        if (records.Count <= query.PageSize)
        {
            return new Page<AuditRecord>(records, null);
        }

        records.RemoveAt(records.Count - 1);
        return new Page<AuditRecord>(records, EncodeContinuation(records[^1]));
    }

    private static string Parameter(string prefix, int index) => string.Create(CultureInfo.InvariantCulture, $"{prefix}{index}");

    /// <summary>The same token shape as the SQLite store's, so a page continues whichever store a deployment uses.</summary>
    private static string EncodeContinuation(AuditRecord record) =>
        Base64Url.Encode(Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture, $"a:{AuditChain.ToUnixMicroseconds(record.Time)}:{record.Sequence}:{record.ChainId}")));

    private static (long Time, string Chain, long Sequence) DecodeContinuation(string token)
    {
        if (Base64Url.TryDecode(token, out var bytes))
        {
            var parts = Encoding.UTF8.GetString(bytes).Split(':', 4);
            if (parts.Length == 4 && parts[0] == "a"
                && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var time)
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                return (time, parts[3], sequence);
            }
        }

        throw CofferErrors.BadParameter("The continuation token is not one this audit log issued.");
    }
}
