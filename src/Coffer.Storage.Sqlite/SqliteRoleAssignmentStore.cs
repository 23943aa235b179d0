using Coffer.Core.Abstractions;
using Coffer.Core.Authorization;
using Microsoft.Data.Sqlite;

namespace Coffer.Storage.Sqlite;

/// <summary>
/// <see cref="IRoleAssignmentStore"/> on SQLite, indexed by principal for the authorization cache's loads; a unique
/// index on (principal, role, scope) makes a duplicate a no-op the caller sees.
/// </summary>
internal sealed class SqliteRoleAssignmentStore : IRoleAssignmentStore
{
    private const string Columns = "id, principal_id, role_definition_id, scope, created, principal_type, created_by";

    private readonly SqliteDatabase _database;

    public SqliteRoleAssignmentStore(SqliteDatabase database) => _database = database;

    public async Task<bool> AddAsync(RoleAssignment assignment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        await using var command = lease.Connection.CreateCommand($"""
            INSERT INTO role_assignments ({Columns})
            VALUES ($id, $principal, $role, $scope, $created, $principalType, $createdBy)
            ON CONFLICT DO NOTHING
            """)
            .With("$id", SqliteValues.Id(assignment.Id))
            .With("$principal", SqliteValues.Id(assignment.PrincipalId))
            .With("$role", SqliteValues.Id(assignment.RoleDefinitionId))
            .With("$scope", assignment.Scope)
            .With("$created", SqliteValues.Time(assignment.Created))
            .With("$principalType", assignment.PrincipalType)
            .With("$createdBy", assignment.CreatedBy is { } by ? SqliteValues.Id(by) : null);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<RoleAssignment?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM role_assignments WHERE id = $id").With("$id", SqliteValues.Id(id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        await using var command = lease.Connection.CreateCommand("DELETE FROM role_assignments WHERE id = $id").With("$id", SqliteValues.Id(id));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<RoleAssignment>> ListForPrincipalAsync(Guid principalId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand($"""
            SELECT {Columns} FROM role_assignments WHERE principal_id = $principal ORDER BY created, rowid
            """)
            .With("$principal", SqliteValues.Id(principalId));
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<RoleAssignment>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM role_assignments ORDER BY created, rowid");
        return await ReadAllAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<RoleAssignment>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var assignments = new List<RoleAssignment>();
        while (await reader.ReadAsync(cancellationToken))
        {
            assignments.Add(Read(reader));
        }

        return assignments;
    }

    private static RoleAssignment Read(SqliteDataReader reader) =>
        new(reader.GetId(0), reader.GetId(1), reader.GetId(2), reader.GetString(3), reader.GetTime(4))
        {
            PrincipalType = reader.GetString(5),
            CreatedBy = reader.IsDBNull(6) ? null : reader.GetId(6),
        };
}
