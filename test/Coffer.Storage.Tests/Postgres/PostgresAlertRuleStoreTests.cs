using Coffer.Core.Abstractions;
using Coffer.Storage.Postgres;

namespace Coffer.Storage.Tests.Postgres;

public sealed class PostgresAlertRuleStoreTests : AlertRuleStoreContractTests, IAsyncDisposable
{
    private readonly PostgresTestDatabase _database = new();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override async Task<IAlertRuleStore> CreateStoreAsync() => new PostgresAlertRuleStore(await _database.OpenAsync());
}
