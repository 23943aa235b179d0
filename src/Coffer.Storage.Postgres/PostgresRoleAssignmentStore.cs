using Coffer.Core.Abstractions;
using Coffer.Core.Authorization;
using Npgsql;

namespace Coffer.Storage.Postgres;

/// <summary>
/// <see cref="IRoleAssignmentStore"/> on PostgreSQL, indexed by principal for the authorization cache's loads; a unique
/// index on (principal, role, lower(scope)) makes a duplicate a no-op the caller sees.
/// </summary>
internal sealed class PostgresRoleAssignmentStore : IRoleAssignmentStore
{
    private const string Columns = "id, principal_id, role_definition_id, scope, created, principal_type, created_by";

    private readonly PostgresDatabase _database;

    public PostgresRoleAssignmentStore(PostgresDatabase database) => _database = database;

    public async Task<bool> AddAsync(RoleAssignment assignment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"""
            INSERT INTO role_assignments ({Columns})
            VALUES (@id, @principal, @role, @scope, @created, @principalType, @createdBy)
            ON CONFLICT DO NOTHING
            """)
            .With("@id", PostgresValues.Id(assignment.Id))
            .With("@principal", PostgresValues.Id(assignment.PrincipalId))
            .With("@role", PostgresValues.Id(assignment.RoleDefinitionId))
            .With("@scope", assignment.Scope)
            .With("@created", PostgresValues.Time(assignment.Created))
            .With("@principalType", assignment.PrincipalType)
            .With("@createdBy", assignment.CreatedBy is { } by ? PostgresValues.Id(by) : null);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<RoleAssignment?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM role_assignments WHERE id = @id").With("@id", PostgresValues.Id(id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("DELETE FROM role_assignments WHERE id = @id").With("@id", PostgresValues.Id(id));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<RoleAssignment>> ListForPrincipalAsync(Guid principalId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM role_assignments WHERE principal_id = @principal ORDER BY created, seq")
            .With("@principal", PostgresValues.Id(principalId));
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<RoleAssignment>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM role_assignments ORDER BY created, seq");
        return await ReadAllAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<RoleAssignment>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var assignments = new List<RoleAssignment>();
        while (await reader.ReadAsync(cancellationToken))
        {
            assignments.Add(Read(reader));
        }

        return assignments;
    }

    private static RoleAssignment Read(NpgsqlDataReader reader) =>
        new(reader.GetId(0), reader.GetId(1), reader.GetId(2), reader.GetString(3), reader.GetTime(4))
        {
            PrincipalType = reader.GetString(5),
            CreatedBy = reader.IsDBNull(6) ? null : reader.GetId(6),
        };
}
