using Coffer.Core.Abstractions;
using Coffer.Storage.Sqlite;

namespace Coffer.Storage.Tests.Sqlite;

public sealed class SqliteAlertRuleStoreTests : AlertRuleStoreContractTests, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override Task<IAlertRuleStore> CreateStoreAsync() => Task.FromResult<IAlertRuleStore>(new SqliteAlertRuleStore(_database.Database));
}
