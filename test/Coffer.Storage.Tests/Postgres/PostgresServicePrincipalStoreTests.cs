using Coffer.Core.Abstractions;
using Coffer.Storage.Postgres;

namespace Coffer.Storage.Tests.Postgres;

public sealed class PostgresServicePrincipalStoreTests : ServicePrincipalStoreContractTests, IAsyncDisposable
{
    private readonly PostgresTestDatabase _database = new();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override async Task<IServicePrincipalStore> CreateStoreAsync() => new PostgresServicePrincipalStore(await _database.OpenAsync());
}
