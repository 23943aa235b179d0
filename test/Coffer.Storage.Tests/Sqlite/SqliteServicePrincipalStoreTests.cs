using Coffer.Core.Abstractions;
using Coffer.Storage.Sqlite;

namespace Coffer.Storage.Tests.Sqlite;

public sealed class SqliteServicePrincipalStoreTests : ServicePrincipalStoreContractTests, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override Task<IServicePrincipalStore> CreateStoreAsync() => Task.FromResult<IServicePrincipalStore>(new SqliteServicePrincipalStore(_database.Database));
}
