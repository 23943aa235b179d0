using Coffer.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Storage.Tests.Sqlite;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task OpenReadAsync_NewFile_CreatesLatestSchemaInWalMode()
    {
        // Arrange
        var database = _database.Database;

        // Act
        await using var connection = await database.OpenReadAsync(Ct);

        // Assert
        Assert.Equal((long)SqliteSchema.LatestVersion, await ScalarAsync(connection, "PRAGMA user_version;"));
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
        Assert.True(File.Exists(_database.Path));
    }

    [Fact]
    public async Task AcquireWriterAsync_Writer_HasDurabilityPragmas()
    {
        // Arrange
        var database = _database.Database;

        // Act
        using var lease = await database.AcquireWriterAsync(Ct);

        // Assert
        Assert.Equal(2L, await ScalarAsync(lease.Connection, "PRAGMA synchronous;"));
        Assert.Equal(1L, await ScalarAsync(lease.Connection, "PRAGMA foreign_keys;"));
        Assert.Equal(5000L, await ScalarAsync(lease.Connection, "PRAGMA busy_timeout;"));
    }

    [Fact]
    public async Task OpenReadAsync_ReopenedFile_KeepsSchemaVersion()
    {
        // Arrange
        await using (await _database.Database.OpenReadAsync(Ct))
        {
        }

        // Act
        var reopened = _database.Reopen();
        await using var connection = await reopened.OpenReadAsync(Ct);

        // Assert
        Assert.Equal((long)SqliteSchema.LatestVersion, await ScalarAsync(connection, "PRAGMA user_version;"));
    }

    [Fact]
    public async Task OpenReadAsync_NewerSchemaVersion_Throws()
    {
        // Arrange
        Directory.CreateDirectory(_database.Directory);
        var path = Path.Combine(_database.Directory, "future.db");
        await using (var raw = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await raw.OpenAsync(Ct);
            await ScalarAsync(raw, "PRAGMA user_version = 999;");
        }

        using var database = new SqliteDatabase(new SqliteStorageOptions { DatabasePath = path }, NullLogger<SqliteDatabase>.Instance);

        // Act
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await database.OpenReadAsync(Ct));

        // Assert
        Assert.Contains("999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenReadAsync_NewFile_IsReadableByOwnerOnly()
    {
        // Arrange
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes only.");
            return;
        }

        // Act
        await using var connection = await _database.Database.OpenReadAsync(Ct);

        // Assert
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_database.Path));
    }

    [Fact]
    public async Task AcquireWriterAsync_AfterDispose_ThrowsObjectDisposed()
    {
        // Arrange
        var database = _database.Database;
        await using (await database.OpenReadAsync(Ct))
        {
        }

        // Act
        database.Dispose();

        // Assert
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await database.AcquireWriterAsync(Ct));
    }

    [Fact]
    public async Task AcquireWriterAsync_Cancelled_ReleasesNothing()
    {
        // Arrange
        var database = _database.Database;
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        // Act
        var acquire = async () => await database.AcquireWriterAsync(cancelled.Token);

        // Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(acquire);
        using var lease = await database.AcquireWriterAsync(Ct);
        Assert.NotNull(lease.Connection);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}
