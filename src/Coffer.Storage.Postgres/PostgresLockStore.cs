using System.Buffers;
using System.Text;
using System.Text.Json;
using Coffer.Core.Abstractions;
using Coffer.Core.Locks;
using Npgsql;

namespace Coffer.Storage.Postgres;

/// <summary><see cref="ILockStore"/> on PostgreSQL: one row per scope and name (unique on their lower-case forms); owners as a JSON array.</summary>
internal sealed class PostgresLockStore : ILockStore
{
    private const string Columns = "scope, name, level, notes, owners";

    private readonly PostgresDatabase _database;

    public PostgresLockStore(PostgresDatabase database) => _database = database;

    public async Task<bool> PutAsync(ManagementLock managementLock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(managementLock);
        await using var connection = await _database.OpenAsync(cancellationToken);
        // One upsert, so two nodes putting the same lock agree on which created it; xmax is 0 only on a freshly inserted row.
        await using var command = connection.CreateCommand($"""
            INSERT INTO management_locks ({Columns}) VALUES (@scope, @name, @level, @notes, @owners)
            ON CONFLICT (lower(scope), lower(name)) DO UPDATE SET level = excluded.level, notes = excluded.notes, owners = excluded.owners
            RETURNING xmax = 0
            """);
        Bind(command, managementLock);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<ManagementLock?> GetAsync(string scope, string name, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM management_locks WHERE lower(scope) = lower(@scope) AND lower(name) = lower(@name)")
            .With("@scope", scope).With("@name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<bool> DeleteAsync(string scope, string name, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("DELETE FROM management_locks WHERE lower(scope) = lower(@scope) AND lower(name) = lower(@name)")
            .With("@scope", scope).With("@name", name);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<ManagementLock>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM management_locks ORDER BY lower(scope), lower(name)");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var locks = new List<ManagementLock>();
        while (await reader.ReadAsync(cancellationToken))
        {
            locks.Add(Read(reader));
        }

        return locks;
    }

    private static void Bind(NpgsqlCommand command, ManagementLock managementLock) => command
        .With("@scope", managementLock.Scope)
        .With("@name", managementLock.Name)
        .With("@level", managementLock.Level.ToString())
        .With("@notes", managementLock.Notes)
        .With("@owners", managementLock.Owners.Count == 0 ? null : WriteOwners(managementLock.Owners));

    private static ManagementLock Read(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), Enum.Parse<LockLevel>(reader.GetString(2)))
        {
            Notes = reader.GetStringOrNull(3),
            Owners = ReadOwners(reader.GetStringOrNull(4)),
        };

    private static string WriteOwners(IReadOnlyList<string> owners)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var owner in owners)
            {
                writer.WriteStringValue(owner);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static List<string> ReadOwners(string? json)
    {
        if (json is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => e.GetString() ?? string.Empty)];
    }
}
