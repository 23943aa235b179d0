namespace Coffer.Storage.Sqlite;

/// <summary>Where the SQLite database lives. The file (and its directory) is created on first use.</summary>
internal sealed class SqliteStorageOptions
{
    /// <summary>Path of the database file; the <c>-wal</c> and <c>-shm</c> files sit beside it.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>How long a write waits for another process's lock before failing (SQLite's <c>busy_timeout</c>).</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The schema, one script per version (the audit log's own file has its own).</summary>
    public IReadOnlyList<string> Migrations { get; init; } = SqliteSchema.Migrations;
}
