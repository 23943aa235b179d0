using System.Buffers;
using System.Text;
using System.Text.Json;
using Coffer.Core.Abstractions;
using Coffer.Core.Locks;
using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

/// <summary><see cref="ILockStore"/> on SQLite: one row per scope and name (<c>COLLATE NOCASE</c>); owners as a JSON array.</summary>
internal sealed class SqliteLockStore : ILockStore
{
    private const string Columns = "scope, name, level, notes, owners";

    private readonly SqliteDatabase _database;

    public SqliteLockStore(SqliteDatabase database) => _database = database;

    public async Task<bool> PutAsync(ManagementLock managementLock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(managementLock);
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        await using var transaction = lease.BeginTransaction();
        bool created;
        await using (var update = lease.Connection.CreateCommand(
            "UPDATE management_locks SET level = $level, notes = $notes, owners = $owners WHERE scope = $scope AND name = $name", transaction))
        {
            created = await Bind(update, managementLock).ExecuteNonQueryAsync(cancellationToken) == 0;
        }

        if (created)
        {
            await using var insert = lease.Connection.CreateCommand(
                $"INSERT INTO management_locks ({Columns}) VALUES ($scope, $name, $level, $notes, $owners)", transaction);
            await Bind(insert, managementLock).ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    public async Task<ManagementLock?> GetAsync(string scope, string name, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM management_locks WHERE scope = $scope AND name = $name")
            .With("$scope", scope).With("$name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<bool> DeleteAsync(string scope, string name, CancellationToken cancellationToken)
    {
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        await using var command = lease.Connection.CreateCommand("DELETE FROM management_locks WHERE scope = $scope AND name = $name")
            .With("$scope", scope).With("$name", name);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<ManagementLock>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM management_locks ORDER BY scope, name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var locks = new List<ManagementLock>();
        while (await reader.ReadAsync(cancellationToken))
        {
            locks.Add(Read(reader));
        }

        return locks;
    }

    private static SqliteCommand Bind(SqliteCommand command, ManagementLock managementLock) => command
        .With("$scope", managementLock.Scope)
        .With("$name", managementLock.Name)
        .With("$level", managementLock.Level.ToString())
        .With("$notes", managementLock.Notes)
        .With("$owners", managementLock.Owners.Count == 0 ? null : WriteOwners(managementLock.Owners));

    private static ManagementLock Read(SqliteDataReader reader) =>
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
