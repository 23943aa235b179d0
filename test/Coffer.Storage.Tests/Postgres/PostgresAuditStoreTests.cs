using Coffer.Core.Abstractions;
using Coffer.Storage.Postgres;

namespace Coffer.Storage.Tests.Postgres;

public sealed class PostgresAuditStoreTests : AuditStoreContractTests, IAsyncDisposable
{
    private readonly PostgresTestDatabase _database = new();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override async Task<IAuditStore> CreateStoreAsync() => new PostgresAuditStore(await _database.OpenAsync());
}
