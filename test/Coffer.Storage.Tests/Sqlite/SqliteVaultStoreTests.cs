using Coffer.Core.Abstractions;
using Coffer.Storage.Sqlite;

namespace Coffer.Storage.Tests.Sqlite;

public sealed class SqliteVaultStoreTests : VaultStoreContractTests, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override Task<IVaultStore> CreateStoreAsync() => Task.FromResult<IVaultStore>(new SqliteVaultStore(_database.Database));
}
