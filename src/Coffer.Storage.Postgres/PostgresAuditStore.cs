using System.Runtime.CompilerServices;
using Coffer.Core.Abstractions;
using Coffer.Core.Audit;
using Npgsql;
using NpgsqlTypes;

namespace Coffer.Storage.Postgres;

/// <summary>
/// <see cref="IAuditStore"/> on PostgreSQL, in the deployment's shared database: each node appends to its own chain, so
/// writers of different nodes never contend. A batch is one transaction (one commit, one WAL flush) sent as one
/// round trip.
/// </summary>
internal sealed partial class PostgresAuditStore : IAuditStore
{
    private const string Columns =
        "chain_id, sequence, previous_hash, hash, time_us, resource_id, vault_name, operation_name, operation_version, category, " +
        "result_type, result_signature, result_description, duration_ms, caller_ip_address, correlation_id, has_identity, identity_oid, " +
        "identity_appid, identity_upn, identity_tid, client_info, request_uri, http_status_code, object_uri, decided_by";

    private const string Insert =
        $"INSERT INTO audit_records ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)";

    private const string MoveHead = """
        INSERT INTO audit_chains (chain_id, sequence, hash) VALUES ($1, $2, $3)
        ON CONFLICT (chain_id) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash WHERE excluded.sequence > audit_chains.sequence
        """;

    private readonly PostgresDatabase _database;

    public PostgresAuditStore(PostgresDatabase database) => _database = database;

    public async Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            foreach (var record in records)
            {
                batch.BatchCommands.Add(InsertCommand(record));
            }

            foreach (var last in records.GroupBy(record => record.ChainId, StringComparer.Ordinal).Select(chain => chain.MaxBy(record => record.Sequence)!))
            {
                var head = new NpgsqlBatchCommand(MoveHead);
                head.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = last.ChainId });
                head.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = last.Sequence });
                head.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = last.Hash });
                batch.BatchCommands.Add(head);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<AuditChainHead?> GetHeadAsync(string chainId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("SELECT chain_id, sequence, hash FROM audit_chains WHERE chain_id = @chain").With("@chain", chainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new AuditChainHead(reader.GetString(0), reader.GetInt64(1), reader.GetString(2)) : null;
    }

    public async Task<IReadOnlyList<AuditChainHead>> ListChainsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("SELECT chain_id, sequence, hash FROM audit_chains ORDER BY chain_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var heads = new List<AuditChainHead>();
        while (await reader.ReadAsync(cancellationToken))
        {
            heads.Add(new AuditChainHead(reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
        }

        return heads;
    }

    public async IAsyncEnumerable<AuditRecord> ReadChainAsync(string chainId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM audit_records WHERE chain_id = @chain ORDER BY sequence").With("@chain", chainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Read(reader);
        }
    }

    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        // A chain's times need not rise with its sequence (a slow request is sealed after a later fast one), so the
        // cut is the chain's prefix up to its newest old record: a chain never gets a hole in the middle.
        await using var command = connection.CreateCommand("""
            DELETE FROM audit_records r
            USING (SELECT chain_id, max(sequence) AS last FROM audit_records WHERE time_us < @cutoff GROUP BY chain_id) old
            WHERE r.chain_id = old.chain_id AND r.sequence <= old.last
            """).With("@cutoff", AuditChain.ToUnixMicroseconds(cutoff));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand InsertCommand(AuditRecord record)
    {
        var command = new NpgsqlBatchCommand(Insert);
        void Add(NpgsqlDbType type, object? value) => command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type, Value = value ?? DBNull.Value });
        Add(NpgsqlDbType.Text, record.ChainId);
        Add(NpgsqlDbType.Bigint, record.Sequence);
        Add(NpgsqlDbType.Text, record.PreviousHash);
        Add(NpgsqlDbType.Text, record.Hash);
        Add(NpgsqlDbType.Bigint, AuditChain.ToUnixMicroseconds(record.Time));
        Add(NpgsqlDbType.Text, record.ResourceId);
        Add(NpgsqlDbType.Text, record.VaultName);
        Add(NpgsqlDbType.Text, record.OperationName);
        Add(NpgsqlDbType.Text, record.OperationVersion);
        Add(NpgsqlDbType.Text, record.Category);
        Add(NpgsqlDbType.Text, record.ResultType);
        Add(NpgsqlDbType.Text, record.ResultSignature);
        Add(NpgsqlDbType.Text, record.ResultDescription);
        Add(NpgsqlDbType.Bigint, record.DurationMs);
        Add(NpgsqlDbType.Text, record.CallerIpAddress);
        Add(NpgsqlDbType.Text, record.CorrelationId);
        Add(NpgsqlDbType.Boolean, record.Identity is not null);
        Add(NpgsqlDbType.Text, record.Identity?.ObjectId);
        Add(NpgsqlDbType.Text, record.Identity?.ApplicationId);
        Add(NpgsqlDbType.Text, record.Identity?.UserPrincipalName);
        Add(NpgsqlDbType.Text, record.Identity?.TenantId);
        Add(NpgsqlDbType.Text, record.ClientInfo);
        Add(NpgsqlDbType.Text, record.RequestUri);
        Add(NpgsqlDbType.Integer, record.HttpStatusCode);
        Add(NpgsqlDbType.Text, record.ObjectUri);
        Add(NpgsqlDbType.Bigint, (long)record.Authorization);
        return command;
    }

    private static AuditRecord Read(NpgsqlDataReader reader) => new()
    {
        ChainId = reader.GetString(0),
        Sequence = reader.GetInt64(1),
        PreviousHash = reader.GetString(2),
        Hash = reader.GetString(3),
        Time = AuditChain.FromUnixMicroseconds(reader.GetInt64(4)),
        ResourceId = reader.GetString(5),
        VaultName = reader.GetStringOrNull(6),
        OperationName = reader.GetString(7),
        OperationVersion = reader.GetStringOrNull(8),
        Category = reader.GetString(9),
        ResultType = reader.GetString(10),
        ResultSignature = reader.GetString(11),
        ResultDescription = reader.GetStringOrNull(12),
        DurationMs = reader.GetInt64(13),
        CallerIpAddress = reader.GetStringOrNull(14),
        CorrelationId = reader.GetStringOrNull(15),
        Identity = reader.GetBoolean(16)
            ? new AuditIdentity(reader.GetStringOrNull(17), reader.GetStringOrNull(18), reader.GetStringOrNull(19)) { TenantId = reader.GetStringOrNull(20) }
            : null,
        ClientInfo = reader.GetStringOrNull(21),
        RequestUri = reader.GetString(22),
        HttpStatusCode = reader.GetInt32(23),
        ObjectUri = reader.GetStringOrNull(24),
        Authorization = (AuditAuthorization)reader.GetInt64(25),
    };
}
