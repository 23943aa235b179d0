using Coffer.Core.Abstractions;
using Coffer.Storage.Sqlite;

namespace Coffer.Storage.Tests.Sqlite;

public sealed class SqliteLockStoreTests : LockStoreContractTests, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override Task<ILockStore> CreateStoreAsync() => Task.FromResult<ILockStore>(new SqliteLockStore(_database.Database));
}
