using Coffer.Core.Abstractions;
using Coffer.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Storage.Tests.Sqlite;

public sealed class SqliteKeyStoreTests : KeyStoreContractTests, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override Task<IKeyStore> CreateStoreAsync() =>
        Task.FromResult<IKeyStore>(new SqliteKeyStore(_database.Database, NullLogger<SqliteKeyStore>.Instance));

    [Theory]
    [InlineData(nameof(SqliteKeySql.GetLatest))]
    [InlineData(nameof(SqliteKeySql.GetVersion))]
    [InlineData(nameof(SqliteKeySql.List))]
    [InlineData(nameof(SqliteKeySql.ListVersions))]
    [InlineData(nameof(SqliteKeySql.GetDeleted))]
    [InlineData(nameof(SqliteKeySql.ListDeleted))]
    [InlineData(nameof(SqliteKeySql.PurgeDue))]
    public async Task QueryPlan_KeyReads_UseIndexesWithoutScanning(string query)
    {
        // Arrange
        var sql = (string)typeof(SqliteKeySql).GetField(query)!.GetRawConstantValue()!;
        await using var connection = await _database.Database.OpenReadAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in new[] { "$vault", "$name", "$version", "$after", "$take", "$now" })
        {
            command.Parameters.AddWithValue(name, name == "$take" ? 10 : "x");
        }

        // Act
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                plan.Add(reader.GetString(3));
            }
        }

        // Assert
        Assert.NotEmpty(plan);
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }
}
