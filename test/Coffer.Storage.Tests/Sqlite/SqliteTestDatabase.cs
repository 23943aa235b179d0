using Coffer.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Storage.Tests.Sqlite;

/// <summary>A fresh database file in the temp directory, deleted (with its -wal and -shm files) on dispose.</summary>
internal sealed class SqliteTestDatabase : IDisposable
{
    public SqliteTestDatabase()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"coffer-storage-tests-{Guid.NewGuid():N}");
        Path = System.IO.Path.Combine(Directory, "coffer.db");
        Database = Open();
    }

    public string Directory { get; }

    public string Path { get; }

    public SqliteDatabase Database { get; private set; }

    /// <summary>Closes the database and opens a new <see cref="SqliteDatabase"/> on the same file.</summary>
    public SqliteDatabase Reopen()
    {
        Database.Dispose();
        Database = Open();
        return Database;
    }

    public void Dispose()
    {
        Database.Dispose();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private SqliteDatabase Open() => new(new SqliteStorageOptions { DatabasePath = Path }, NullLogger<SqliteDatabase>.Instance);
}
