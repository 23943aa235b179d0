using Coffer.Core.Abstractions;
using Coffer.Storage.Sqlite;

namespace Coffer.Storage.Tests.Sqlite;

public sealed class SqliteDataKeyStoreTests : DataKeyStoreContractTests, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override Task<IDataKeyStore> CreateStoreAsync() => Task.FromResult<IDataKeyStore>(new SqliteDataKeyStore(_database.Database));
}
