using Coffer.Core.Abstractions;
using Coffer.Storage.Postgres;

namespace Coffer.Storage.Tests.Postgres;

public sealed class PostgresVaultStoreTests : VaultStoreContractTests, IAsyncDisposable
{
    private readonly PostgresTestDatabase _database = new();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override async Task<IVaultStore> CreateStoreAsync() => new PostgresVaultStore(await _database.OpenAsync());
}
