using Coffer.Core.Abstractions;
using Coffer.Core.Identity;
using Npgsql;

namespace Coffer.Storage.Postgres;

/// <summary>
/// <see cref="IServicePrincipalStore"/> on PostgreSQL. Display names are unique case-insensitively; a principal's
/// passwords live in their own table and go with it (ON DELETE CASCADE).
/// </summary>
internal sealed class PostgresServicePrincipalStore : IServicePrincipalStore
{
    private const string Select = "SELECT object_id, app_id, display_name, created FROM service_principals";
    private const string SelectPasswords = "SELECT object_id, key_id, display_name, hint, start_time, end_time, secret_hash FROM service_principal_passwords";

    private readonly PostgresDatabase _database;

    public PostgresServicePrincipalStore(PostgresDatabase database) => _database = database;

    public async Task<bool> AddAsync(ServicePrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Only a name clash is "taken"; a clashing object or app id is a bug and fails loudly.
        await using (var insert = connection.CreateCommand("""
            INSERT INTO service_principals (object_id, app_id, display_name, created) VALUES (@object, @app, @name, @created)
            ON CONFLICT (lower(display_name)) DO NOTHING
            """, transaction))
        {
            insert.With("@object", PostgresValues.Id(principal.ObjectId))
                .With("@app", PostgresValues.Id(principal.AppId))
                .With("@name", principal.DisplayName)
                .With("@created", PostgresValues.Time(principal.Created));
            if (await insert.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                return false;
            }
        }

        foreach (var password in principal.PasswordCredentials)
        {
            await InsertPasswordAsync(connection, transaction, principal.ObjectId, password, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public Task<ServicePrincipal?> GetAsync(Guid objectId, CancellationToken cancellationToken) =>
        GetOneAsync($"{Select} WHERE object_id = @value", PostgresValues.Id(objectId), cancellationToken);

    public Task<ServicePrincipal?> GetByAppIdAsync(Guid appId, CancellationToken cancellationToken) =>
        GetOneAsync($"{Select} WHERE app_id = @value", PostgresValues.Id(appId), cancellationToken);

    public Task<ServicePrincipal?> GetByDisplayNameAsync(string displayName, CancellationToken cancellationToken) =>
        GetOneAsync($"{Select} WHERE lower(display_name) = lower(@value)", displayName, cancellationToken);

    public async Task<IReadOnlyList<ServicePrincipal>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        // One snapshot for both reads, so a principal and its passwords agree.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var heads = new List<(Guid ObjectId, Guid AppId, string DisplayName, DateTimeOffset Created)>();
        await using (var command = connection.CreateCommand($"{Select} ORDER BY lower(display_name), object_id", transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                heads.Add((reader.GetId(0), reader.GetId(1), reader.GetString(2), reader.GetTime(3)));
            }
        }

        var passwords = new Dictionary<Guid, List<PasswordCredential>>();
        await using (var command = connection.CreateCommand($"{SelectPasswords} ORDER BY start_time, seq", transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var owner = reader.GetId(0);
                if (!passwords.TryGetValue(owner, out var list))
                {
                    passwords[owner] = list = [];
                }

                list.Add(ReadPassword(reader));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return heads.Select(h => new ServicePrincipal(h.ObjectId, h.AppId, h.DisplayName, h.Created, passwords.TryGetValue(h.ObjectId, out var list) ? list : [])).ToList();
    }

    public async Task<bool> DeleteAsync(Guid objectId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("DELETE FROM service_principals WHERE object_id = @object")
            .With("@object", PostgresValues.Id(objectId));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> AddPasswordAsync(Guid objectId, PasswordCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        await using var connection = await _database.OpenAsync(cancellationToken);
        // One statement: the row is inserted only while the principal exists, and the foreign key holds it until commit.
        await using var insert = connection.CreateCommand("""
            INSERT INTO service_principal_passwords (key_id, object_id, display_name, hint, start_time, end_time, secret_hash)
            SELECT @key, object_id, @name, @hint, @start, @end, @hash FROM service_principals WHERE object_id = @object
            """);
        BindPassword(insert, objectId, credential);
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> RemovePasswordAsync(Guid objectId, Guid keyId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("DELETE FROM service_principal_passwords WHERE object_id = @object AND key_id = @key")
            .With("@object", PostgresValues.Id(objectId))
            .With("@key", PostgresValues.Id(keyId));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task InsertPasswordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid objectId, PasswordCredential password, CancellationToken cancellationToken)
    {
        await using var insert = connection.CreateCommand("""
            INSERT INTO service_principal_passwords (key_id, object_id, display_name, hint, start_time, end_time, secret_hash)
            VALUES (@key, @object, @name, @hint, @start, @end, @hash)
            """, transaction);
        BindPassword(insert, objectId, password);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void BindPassword(NpgsqlCommand command, Guid objectId, PasswordCredential password) => command
        .With("@key", PostgresValues.Id(password.KeyId))
        .With("@object", PostgresValues.Id(objectId))
        .With("@name", password.DisplayName)
        .With("@hint", password.Hint)
        .With("@start", PostgresValues.Time(password.Start))
        .With("@end", PostgresValues.Time(password.End))
        .With("@hash", password.SecretHash);

    private async Task<ServicePrincipal?> GetOneAsync(string sql, string value, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        (Guid ObjectId, Guid AppId, string DisplayName, DateTimeOffset Created) head;
        await using (var command = connection.CreateCommand(sql, transaction).With("@value", value))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            head = (reader.GetId(0), reader.GetId(1), reader.GetString(2), reader.GetTime(3));
        }

        var passwords = new List<PasswordCredential>();
        await using (var command = connection.CreateCommand($"{SelectPasswords} WHERE object_id = @object ORDER BY start_time, seq", transaction))
        {
            command.With("@object", PostgresValues.Id(head.ObjectId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                passwords.Add(ReadPassword(reader));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new ServicePrincipal(head.ObjectId, head.AppId, head.DisplayName, head.Created, passwords);
    }

    private static PasswordCredential ReadPassword(NpgsqlDataReader reader) =>
        new(reader.GetId(1), reader.GetStringOrNull(2), reader.GetString(3), reader.GetTime(4), reader.GetTime(5), reader.GetBytes(6));
}
