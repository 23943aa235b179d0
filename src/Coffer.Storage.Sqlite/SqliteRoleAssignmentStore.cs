using Coffer.Core.Abstractions;
using Coffer.Core.Authorization;

namespace Coffer.Storage.Sqlite;

/// <summary><see cref="IRoleAssignmentStore"/> on SQLite, indexed by principal for the authorization cache's loads.</summary>
internal sealed class SqliteRoleAssignmentStore : IRoleAssignmentStore
{
    private readonly SqliteDatabase _database;

    public SqliteRoleAssignmentStore(SqliteDatabase database) => _database = database;

    public async Task AddAsync(RoleAssignment assignment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        using var lease = await _database.AcquireWriterAsync(cancellationToken);
        await using var command = lease.Connection.CreateCommand("""
            INSERT INTO role_assignments (id, principal_id, role_definition_id, scope, created)
            VALUES ($id, $principal, $role, $scope, $created)
            """)
            .With("$id", SqliteValues.Id(assignment.Id))
            .With("$principal", SqliteValues.Id(assignment.PrincipalId))
            .With("$role", SqliteValues.Id(assignment.RoleDefinitionId))
            .With("$scope", assignment.Scope)
            .With("$created", SqliteValues.Time(assignment.Created));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Oldest first.</summary>
    public async Task<IReadOnlyList<RoleAssignment>> ListForPrincipalAsync(Guid principalId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenReadAsync(cancellationToken);
        await using var command = connection.CreateCommand("""
            SELECT id, role_definition_id, scope, created FROM role_assignments
            WHERE principal_id = $principal ORDER BY created, rowid
            """)
            .With("$principal", SqliteValues.Id(principalId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var assignments = new List<RoleAssignment>();
        while (await reader.ReadAsync(cancellationToken))
        {
            assignments.Add(new RoleAssignment(reader.GetId(0), principalId, reader.GetId(1), reader.GetString(2), reader.GetTime(3)));
        }

        return assignments;
    }
}
