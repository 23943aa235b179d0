using Coffer.Core.Abstractions;
using Coffer.Storage.Sqlite;

namespace Coffer.Storage.Tests.Sqlite;

public sealed class SqliteSigningKeyStoreTests : SigningKeyStoreContractTests, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override Task<ISigningKeyStore> CreateStoreAsync() => Task.FromResult<ISigningKeyStore>(new SqliteSigningKeyStore(_database.Database));
}
