using Coffer.Core.Abstractions;
using Coffer.Storage.Postgres;

namespace Coffer.Storage.Tests.Postgres;

public sealed class PostgresRoleAssignmentStoreTests : RoleAssignmentStoreContractTests, IAsyncDisposable
{
    private readonly PostgresTestDatabase _database = new();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override async Task<IRoleAssignmentStore> CreateStoreAsync() => new PostgresRoleAssignmentStore(await _database.OpenAsync());
}
