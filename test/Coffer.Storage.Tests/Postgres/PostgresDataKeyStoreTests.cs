using Coffer.Core.Abstractions;
using Coffer.Storage.Postgres;

namespace Coffer.Storage.Tests.Postgres;

public sealed class PostgresDataKeyStoreTests : DataKeyStoreContractTests, IAsyncDisposable
{
    private readonly PostgresTestDatabase _database = new();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override async Task<IDataKeyStore> CreateStoreAsync() => new PostgresDataKeyStore(await _database.OpenAsync());
}
