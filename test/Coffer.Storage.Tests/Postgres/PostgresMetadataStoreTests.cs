using Coffer.Core.Abstractions;
using Coffer.Storage.Postgres;

namespace Coffer.Storage.Tests.Postgres;

public sealed class PostgresMetadataStoreTests : MetadataStoreContractTests, IAsyncDisposable
{
    private readonly PostgresTestDatabase _database = new();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override async Task<IMetadataStore> CreateStoreAsync() => new PostgresMetadataStore(await _database.OpenAsync());
}
