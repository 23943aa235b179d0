using Coffer.Core.Abstractions;
using Coffer.Storage.Postgres;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Microsoft.Extensions.DependencyInjection;

public static class PostgresServiceCollectionExtensions
{
    /// <summary>
    /// Registers the PostgreSQL stores for every Core store interface, all sharing one <c>PostgresDatabase</c> (one
    /// pooled data source) on <paramref name="connectionString"/>. The schema is migrated on first use.
    /// </summary>
    public static IServiceCollection AddCofferPostgresStorage(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = new PostgresStorageOptions { ConnectionString = connectionString };

        services.AddSingleton(provider => new PostgresDatabase(options, Loggers(provider).CreateLogger<PostgresDatabase>()));
        services.AddSingleton<ISecretStore>(provider =>
            new PostgresSecretStore(provider.GetRequiredService<PostgresDatabase>(), Loggers(provider).CreateLogger<PostgresSecretStore>()));
        services.AddSingleton<IKeyStore>(provider =>
            new PostgresKeyStore(provider.GetRequiredService<PostgresDatabase>(), Loggers(provider).CreateLogger<PostgresKeyStore>()));
        services.AddSingleton<IVaultStore>(provider => new PostgresVaultStore(provider.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IDataKeyStore>(provider => new PostgresDataKeyStore(provider.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IMetadataStore>(provider => new PostgresMetadataStore(provider.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IIdentityStore>(provider => new PostgresIdentityStore(provider.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<ISigningKeyStore>(provider => new PostgresSigningKeyStore(provider.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IRoleAssignmentStore>(provider => new PostgresRoleAssignmentStore(provider.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IServicePrincipalStore>(provider => new PostgresServicePrincipalStore(provider.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<ILockStore>(provider => new PostgresLockStore(provider.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IAlertRuleStore>(provider => new PostgresAlertRuleStore(provider.GetRequiredService<PostgresDatabase>()));
        return services;
    }

    /// <summary>
    /// Registers <see cref="IAuditStore"/> in the same PostgreSQL database as the stores (call
    /// <see cref="AddCofferPostgresStorage"/> first), so every node's audit chain is kept where the data is.
    /// </summary>
    public static IServiceCollection AddCofferPostgresAuditStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IAuditStore>(provider => new PostgresAuditStore(provider.GetRequiredService<PostgresDatabase>()));
        return services;
    }

    // The host registers logging; a bare service collection (a tool, a test) still works, silently.
    private static ILoggerFactory Loggers(IServiceProvider provider) => provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
}
