using Coffer.Core.Abstractions;
using Coffer.Storage.Sqlite;

namespace Coffer.Storage.Tests.Sqlite;

public sealed class SqliteIdentityStoreTests : IdentityStoreContractTests, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override Task<IIdentityStore> CreateStoreAsync() => Task.FromResult<IIdentityStore>(new SqliteIdentityStore(_database.Database));
}
