using Coffer.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Storage.Tests.Postgres;

/// <summary>A fresh, empty PostgreSQL database for one test (see <see cref="TestPostgres"/>), dropped on dispose.</summary>
internal sealed class PostgresTestDatabase : IAsyncDisposable
{
    private readonly List<PostgresDatabase> _opened = [];
    private string? _connectionString;

    public string Name { get; } = TestPostgres.NewDatabaseName();

    /// <summary>The connection string of this test's database (created on first use).</summary>
    public async Task<string> GetConnectionStringAsync() => _connectionString ??= await TestPostgres.CreateDatabaseAsync(Name);

    /// <summary>A new <see cref="PostgresDatabase"/> (its own pool: another "node") on this test's database.</summary>
    public async Task<PostgresDatabase> OpenAsync()
    {
        var database = new PostgresDatabase(
            new PostgresStorageOptions { ConnectionString = await GetConnectionStringAsync() }, NullLogger<PostgresDatabase>.Instance);
        _opened.Add(database);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _opened)
        {
            await database.DisposeAsync();
        }

        if (_connectionString is not null)
        {
            await TestPostgres.DropDatabaseAsync(Name);
        }
    }
}
