using System.Text;
using Coffer.Core.Audit;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Coffer.Storage.Sqlite;

internal sealed partial class SqliteAuditStore
{
    /// <summary>
    /// The insert of one record, through SQLite's own API: prepared once per batch and bound by position. Through
    /// <see cref="SqliteCommand"/> every execution looked each of the 26 parameters up by name and boxed its value,
    /// which cost about three times the insert itself, on every audited request.
    /// </summary>
    private sealed class RecordInsert : IDisposable
    {
        private readonly sqlite3 _database;
        private readonly sqlite3_stmt _statement;
        private byte[] _text = new byte[1024];

        public RecordInsert(SqliteConnection connection)
        {
            _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
            Check(raw.sqlite3_prepare_v2(_database, $"INSERT INTO audit_records ({Columns}) VALUES ({Parameters})", out _statement));
        }

        public void Execute(AuditRecord record)
        {
            Text(1, record.ChainId);
            Integer(2, record.Sequence);
            Text(3, record.PreviousHash);
            Text(4, record.Hash);
            Integer(5, AuditChain.ToUnixMicroseconds(record.Time));
            Text(6, record.ResourceId);
            Text(7, record.VaultName);
            Text(8, record.OperationName);
            Text(9, record.OperationVersion);
            Text(10, record.Category);
            Text(11, record.ResultType);
            Text(12, record.ResultSignature);
            Text(13, record.ResultDescription);
            Integer(14, record.DurationMs);
            Text(15, record.CallerIpAddress);
            Text(16, record.CorrelationId);
            Integer(17, record.Identity is null ? 0 : 1);
            Text(18, record.Identity?.ObjectId);
            Text(19, record.Identity?.ApplicationId);
            Text(20, record.Identity?.UserPrincipalName);
            Text(21, record.Identity?.TenantId);
            Text(22, record.ClientInfo);
            Text(23, record.RequestUri);
            Integer(24, record.HttpStatusCode);
            Text(25, record.ObjectUri);
            Integer(26, (long)record.Authorization);
            var result = raw.sqlite3_step(_statement);
            raw.sqlite3_reset(_statement);
            if (result != raw.SQLITE_DONE)
            {
                Check(result);
            }
        }

        public void Dispose() => _statement?.Dispose();

        private void Text(int index, string? value)
        {
            if (value is null)
            {
                Check(raw.sqlite3_bind_null(_statement, index));
                return;
            }

            // UTF-8 as the database stores it: SQLite copies the bytes, and translating UTF-16 was its largest cost.
            var length = Encoding.UTF8.GetMaxByteCount(value.Length);
            if (_text.Length < length)
            {
                _text = new byte[Math.Max(length, 2 * _text.Length)];
            }

            var written = Encoding.UTF8.GetBytes(value, _text);
            Check(raw.sqlite3_bind_text(_statement, index, _text.AsSpan(0, written)));
        }

        private void Integer(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

        private void Check(int result)
        {
            if (result != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(result, _database);
            }
        }
    }
}
