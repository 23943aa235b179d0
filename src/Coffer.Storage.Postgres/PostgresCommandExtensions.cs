using Npgsql;
using NpgsqlTypes;

namespace Coffer.Storage.Postgres;

/// <summary>
/// Parameterized commands. SQL text is always a constant; values go in typed parameters, so a null still has a type
/// (PostgreSQL cannot infer one for <c>@p IS NULL</c> or <c>COALESCE(@p, column)</c>).
/// </summary>
internal static class PostgresCommandExtensions
{
    public static NpgsqlCommand CreateCommand(this NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null) =>
        new(sql, connection, transaction);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, string? value) => command.Add(name, NpgsqlDbType.Text, value);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, long? value) => command.Add(name, NpgsqlDbType.Bigint, value);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, int? value) => command.Add(name, NpgsqlDbType.Integer, value);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, bool? value) => command.Add(name, NpgsqlDbType.Boolean, value);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, byte[]? value) => command.Add(name, NpgsqlDbType.Bytea, value);

    private static NpgsqlCommand Add(this NpgsqlCommand command, string name, NpgsqlDbType type, object? value)
    {
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        return command;
    }
}
