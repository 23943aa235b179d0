using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

/// <summary>
/// How values are stored: GUIDs as 32 lower-case hex digits, times as Unix seconds, booleans as 0/1.
/// Sub-second precision is dropped, as Key Vault's wire format (Unix seconds) drops it too.
/// </summary>
internal static class SqliteValues
{
    public static string Id(Guid id) => id.ToString("N", CultureInfo.InvariantCulture);

    public static long Time(DateTimeOffset time) => time.ToUnixTimeSeconds();

    public static long? Time(DateTimeOffset? time) => time?.ToUnixTimeSeconds();

    /// <summary>The time as it reads back from the database: whole seconds, UTC.</summary>
    public static DateTimeOffset Seconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());

    public static DateTimeOffset? Seconds(DateTimeOffset? time) => time is { } value ? Seconds(value) : null;

    public static long Flag(bool value) => value ? 1L : 0L;

    public static Guid GetId(this SqliteDataReader reader, int ordinal) => Guid.ParseExact(reader.GetString(ordinal), "N");

    public static DateTimeOffset GetTime(this SqliteDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(ordinal));

    public static DateTimeOffset? GetTimeOrNull(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(ordinal));

    public static bool GetFlag(this SqliteDataReader reader, int ordinal) => reader.GetInt64(ordinal) != 0;

    public static string? GetStringOrNull(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static byte[] GetBytes(this SqliteDataReader reader, int ordinal) => reader.GetFieldValue<byte[]>(ordinal);
}
