using Coffer.Core.Abstractions;
using Coffer.Storage.Sqlite;

namespace Coffer.Storage.Tests.Sqlite;

public sealed class SqliteMetadataStoreTests : MetadataStoreContractTests, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override Task<IMetadataStore> CreateStoreAsync() => Task.FromResult<IMetadataStore>(new SqliteMetadataStore(_database.Database));
}
