using Coffer.Core.Abstractions;
using Coffer.Storage.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Microsoft.Extensions.DependencyInjection;

public static class SqliteServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite stores for every Core store interface, all sharing one <c>SqliteDatabase</c> at
    /// <paramref name="databasePath"/>. The schema is created or migrated on first use.
    /// </summary>
    public static IServiceCollection AddCofferSqliteStorage(this IServiceCollection services, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var options = new SqliteStorageOptions { DatabasePath = databasePath };

        services.AddSingleton(provider => new SqliteDatabase(options, Loggers(provider).CreateLogger<SqliteDatabase>()));
        services.AddSingleton<ISecretStore>(provider =>
            new SqliteSecretStore(provider.GetRequiredService<SqliteDatabase>(), Loggers(provider).CreateLogger<SqliteSecretStore>()));
        services.AddSingleton<IKeyStore>(provider =>
            new SqliteKeyStore(provider.GetRequiredService<SqliteDatabase>(), Loggers(provider).CreateLogger<SqliteKeyStore>()));
        services.AddSingleton<IVaultStore>(provider => new SqliteVaultStore(provider.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IDataKeyStore>(provider => new SqliteDataKeyStore(provider.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IMetadataStore>(provider => new SqliteMetadataStore(provider.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IIdentityStore>(provider => new SqliteIdentityStore(provider.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<ISigningKeyStore>(provider => new SqliteSigningKeyStore(provider.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IRoleAssignmentStore>(provider => new SqliteRoleAssignmentStore(provider.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IServicePrincipalStore>(provider => new SqliteServicePrincipalStore(provider.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<ILockStore>(provider => new SqliteLockStore(provider.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IAlertRuleStore>(provider => new SqliteAlertRuleStore(provider.GetRequiredService<SqliteDatabase>()));
        return services;
    }

    // The host registers logging; a bare service collection (a tool, a test) still works, silently.
    private static ILoggerFactory Loggers(IServiceProvider provider) => provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
}
