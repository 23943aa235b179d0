using System.Runtime.CompilerServices;
using Coffer.Core.Abstractions;
using Coffer.Core.Audit;
using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

/// <summary>
/// <see cref="IAuditStore"/> on its own SQLite file (WAL, <c>synchronous=FULL</c>): a batch is one transaction
/// with one prepared insert, so a group commit costs one fsync however many records it carries.
/// </summary>
internal sealed partial class SqliteAuditStore : IAuditStore, IDisposable
{
    private const string Columns =
        "chain_id, sequence, previous_hash, hash, time_us, resource_id, vault_name, operation_name, operation_version, category, " +
        "result_type, result_signature, result_description, duration_ms, caller_ip_address, correlation_id, has_identity, identity_oid, " +
        "identity_appid, identity_upn, identity_tid, client_info, request_uri, http_status_code, object_uri, decided_by";

    private const string Parameters =
        "$chain, $sequence, $previous, $hash, $time, $resource, $vault, $operation, $version, $category, $resultType, $signature, " +
        "$description, $duration, $ip, $correlation, $hasIdentity, $oid, $appid, $upn, $tid, $client, $uri, $status, $object, $decided";

    private readonly SqliteDatabase _database;

    public SqliteAuditStore(SqliteDatabase database) => _database = database;

    public async Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        await using var transaction = lease.BeginTransaction();
        using (var insert = new RecordInsert(lease.Connection))
        {
            foreach (var record in records)
            {
                insert.Execute(record);
            }
        }

        await using (var head = lease.Connection.CreateCommand(
            """
            INSERT INTO audit_chains (chain_id, sequence, hash) VALUES ($chain, $sequence, $hash)
            ON CONFLICT (chain_id) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash WHERE excluded.sequence > audit_chains.sequence
            """, transaction))
        {
            var chain = head.Parameters.Add("$chain", SqliteType.Text);
            var sequence = head.Parameters.Add("$sequence", SqliteType.Integer);
            var hash = head.Parameters.Add("$hash", SqliteType.Text);
            foreach (var last in records.GroupBy(record => record.ChainId, StringComparer.Ordinal).Select(chainRecords => chainRecords.MaxBy(record => record.Sequence)!))
            {
                chain.Value = last.ChainId;
                sequence.Value = last.Sequence;
                hash.Value = last.Hash;
                await head.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<AuditChainHead?> GetHeadAsync(string chainId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand("SELECT chain_id, sequence, hash FROM audit_chains WHERE chain_id = $chain").With("$chain", chainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new AuditChainHead(reader.GetString(0), reader.GetInt64(1), reader.GetString(2)) : null;
    }

    public async Task<IReadOnlyList<AuditChainHead>> ListChainsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
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
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM audit_records WHERE chain_id = $chain ORDER BY sequence").With("$chain", chainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Read(reader);
        }
    }

    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        // A chain's times need not rise with its sequence (a slow request is sealed after a later fast one), so the
        // cut is the chain's prefix up to its newest old record: a chain never gets a hole in the middle.
        await using var command = lease.Connection.CreateCommand(
            """
            DELETE FROM audit_records
            WHERE sequence <= (SELECT MAX(old.sequence) FROM audit_records AS old WHERE old.chain_id = audit_records.chain_id AND old.time_us < $cutoff)
            """).With("$cutoff", AuditChain.ToUnixMicroseconds(cutoff));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Dispose() => _database.Dispose();

    private static AuditRecord Read(SqliteDataReader reader) => new()
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
        Identity = reader.GetInt64(16) == 0
            ? null
            : new AuditIdentity(reader.GetStringOrNull(17), reader.GetStringOrNull(18), reader.GetStringOrNull(19)) { TenantId = reader.GetStringOrNull(20) },
        ClientInfo = reader.GetStringOrNull(21),
        RequestUri = reader.GetString(22),
        HttpStatusCode = reader.GetInt32(23),
        ObjectUri = reader.GetStringOrNull(24),
        Authorization = (AuditAuthorization)reader.GetInt64(25),
    };
}
