using Coffer.Core.Abstractions;
using Coffer.Storage.Postgres;

namespace Coffer.Storage.Tests.Postgres;

public sealed class PostgresSigningKeyStoreTests : SigningKeyStoreContractTests, IAsyncDisposable
{
    private readonly PostgresTestDatabase _database = new();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override async Task<ISigningKeyStore> CreateStoreAsync() => new PostgresSigningKeyStore(await _database.OpenAsync());
}
