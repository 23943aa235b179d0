using System.Globalization;
using Npgsql;

namespace Coffer.Storage.Postgres;

/// <summary>
/// How values are stored, as the SQLite store stores them (so <c>coffer store copy</c> moves rows unchanged): GUIDs as
/// 32 lower-case hex digits, times as Unix seconds. Sub-second precision is dropped, as Key Vault's wire format drops it.
/// </summary>
internal static class PostgresValues
{
    public static string Id(Guid id) => id.ToString("N", CultureInfo.InvariantCulture);

    public static long Time(DateTimeOffset time) => time.ToUnixTimeSeconds();

    public static long? Time(DateTimeOffset? time) => time?.ToUnixTimeSeconds();

    /// <summary>The time as it reads back from the database: whole seconds, UTC.</summary>
    public static DateTimeOffset Seconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());

    public static DateTimeOffset? Seconds(DateTimeOffset? time) => time is { } value ? Seconds(value) : null;

    public static Guid GetId(this NpgsqlDataReader reader, int ordinal) => Guid.ParseExact(reader.GetString(ordinal), "N");

    public static DateTimeOffset GetTime(this NpgsqlDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(ordinal));

    public static DateTimeOffset? GetTimeOrNull(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(ordinal));

    public static string? GetStringOrNull(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static byte[] GetBytes(this NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<byte[]>(ordinal);

    public static byte[]? GetBytesOrNull(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<byte[]>(ordinal);
}
