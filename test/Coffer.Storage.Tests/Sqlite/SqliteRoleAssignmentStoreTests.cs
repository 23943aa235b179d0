using Coffer.Core.Abstractions;
using Coffer.Storage.Sqlite;

namespace Coffer.Storage.Tests.Sqlite;

public sealed class SqliteRoleAssignmentStoreTests : RoleAssignmentStoreContractTests, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override Task<IRoleAssignmentStore> CreateStoreAsync() => Task.FromResult<IRoleAssignmentStore>(new SqliteRoleAssignmentStore(_database.Database));
}
