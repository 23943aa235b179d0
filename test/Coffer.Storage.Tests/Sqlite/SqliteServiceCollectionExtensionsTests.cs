using Coffer.Core.Abstractions;
using Coffer.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Storage.Tests.Sqlite;

public sealed class SqliteServiceCollectionExtensionsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"coffer-storage-tests-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task AddCofferSqliteStorage_EveryStoreInterface_IsOneSingletonOverOneDatabase()
    {
        // Arrange
        var services = new ServiceCollection();
        var storeTypes = new[]
        {
            typeof(ISecretStore), typeof(IKeyStore), typeof(IVaultStore), typeof(IDataKeyStore), typeof(IMetadataStore),
            typeof(IIdentityStore), typeof(ISigningKeyStore), typeof(IRoleAssignmentStore), typeof(IServicePrincipalStore), typeof(ILockStore),
            typeof(IAlertRuleStore),
        };

        // Act
        services.AddCofferSqliteStorage(Path.Combine(_directory, "coffer.db"));
        var provider = new DescriptorServiceProvider(services);

        // Assert
        Assert.All(services, d => Assert.Equal(ServiceLifetime.Singleton, d.Lifetime));
        Assert.Equal(storeTypes.Append(typeof(SqliteDatabase)).OrderBy(t => t.FullName), services.Select(d => d.ServiceType).OrderBy(t => t.FullName));
        foreach (var type in storeTypes)
        {
            Assert.IsAssignableFrom(type, provider.GetService(type));
        }

        var metadata = provider.GetRequiredService<IMetadataStore>();
        Assert.Equal("v", await metadata.GetOrAddAsync("k", "v", TestContext.Current.CancellationToken));
        provider.GetRequiredService<SqliteDatabase>().Dispose();
    }

    /// <summary>Just enough of a container to run the registered factories (the test project has no DI container package).</summary>
    private sealed class DescriptorServiceProvider(IServiceCollection services) : IServiceProvider
    {
        private readonly Dictionary<Type, object> _singletons = [];

        public object? GetService(Type serviceType)
        {
            if (_singletons.TryGetValue(serviceType, out var existing))
            {
                return existing;
            }

            var factory = services.LastOrDefault(d => d.ServiceType == serviceType)?.ImplementationFactory;
            return factory is null ? null : _singletons[serviceType] = factory(this);
        }
    }
}
