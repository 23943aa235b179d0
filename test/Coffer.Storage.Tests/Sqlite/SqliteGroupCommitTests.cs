using Coffer.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Tests.Sqlite;

public sealed class SqliteGroupCommitTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task WriteQueuedAsync_WritersQueuedTogether_ShareOneTransactionAndAFailureStaysItsOwn()
    {
        // Arrange
        var database = _database.Database;
        await CreateTableAsync(database);
        var transactions = new List<SqliteTransaction>();
        var lease = await database.AcquireWriterAsync(Ct);
        var first = Insert(database, 1, transactions);
        var second = Insert(database, 2, transactions);
        var duplicate = Insert(database, 1, transactions);
        var third = Insert(database, 3, transactions);

        // Act: releasing the connection lets the queued writers run, all four in the next holder's batch.
        lease.Dispose();
        var failure = await Assert.ThrowsAsync<SqliteException>(() => duplicate);
        var results = await Task.WhenAll(first, second, third);

        // Assert
        Assert.Equal(19, failure.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Equal([1L, 2L, 3L], results);
        Assert.Single(transactions.Distinct());
        Assert.Equal([1L, 2L, 3L], await RowsAsync(_database.Reopen()));
    }

    [Fact]
    public async Task WriteQueuedAsync_CancelledWhileQueued_NeverRuns()
    {
        // Arrange
        var database = _database.Database;
        await CreateTableAsync(database);
        using var cancellation = new CancellationTokenSource();
        var lease = await database.AcquireWriterAsync(Ct);
        var cancelled = database.WriteQueuedAsync((connection, transaction) => InsertAsync(connection, transaction, 7), cancellation.Token);

        // Act
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        lease.Dispose();
        await Insert(database, 8, []);

        // Assert
        Assert.Equal([8L], await RowsAsync(database));
    }

    private static Task<long> Insert(SqliteDatabase database, long value, List<SqliteTransaction> transactions) =>
        database.WriteQueuedAsync(
            async (connection, transaction) =>
            {
                lock (transactions)
                {
                    transactions.Add(transaction);
                }

                return await InsertAsync(connection, transaction, value);
            },
            Ct);

    private static async Task<long> InsertAsync(SqliteConnection connection, SqliteTransaction transaction, long value)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO bench_rows (x) VALUES ($x) RETURNING x;";
        command.Parameters.AddWithValue("$x", value);
        return (long)(await command.ExecuteScalarAsync(CancellationToken.None))!;
    }

    private static async Task CreateTableAsync(SqliteDatabase database)
    {
        using var lease = await database.AcquireWriterAsync(Ct);
        await using var command = lease.Connection.CreateCommand();
        command.CommandText = "CREATE TABLE bench_rows (x INTEGER PRIMARY KEY);";
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<List<long>> RowsAsync(SqliteDatabase database)
    {
        await using var connection = await database.OpenReadAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT x FROM bench_rows ORDER BY x;";
        var rows = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(reader.GetInt64(0));
        }

        return rows;
    }
}
