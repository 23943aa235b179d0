using Coffer.Core.Abstractions;
using Coffer.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Storage.Tests.Sqlite;

public sealed class SqliteAuditStoreTests : AuditStoreContractTests, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"coffer-audit-tests-{Guid.NewGuid():N}");
    private SqliteAuditStore? _store;

    public void Dispose()
    {
        _store?.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    protected override Task<IAuditStore> CreateStoreAsync()
    {
        var options = new SqliteStorageOptions { DatabasePath = Path.Combine(_directory, "audit.db"), Migrations = SqliteAuditSchema.Migrations };
        _store = new SqliteAuditStore(new SqliteDatabase(options, NullLogger<SqliteDatabase>.Instance));
        return Task.FromResult<IAuditStore>(_store);
    }
}
