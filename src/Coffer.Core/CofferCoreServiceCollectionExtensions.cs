using Coffer.Core.Abstractions;
using Coffer.Core.Alerts;
using Coffer.Core.Authorization;
using Coffer.Core.Cluster;
using Coffer.Core.Identity;
using Coffer.Core.Identity.External;
using Coffer.Core.KeyRing;
using Coffer.Core.Keys;
using Coffer.Core.Locks;
using Coffer.Core.Secrets;
using Coffer.Core.Vaults;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class CofferCoreServiceCollectionExtensions
{
    /// <summary>Registers Coffer's domain services. The root key and the <see cref="TokenAuthority"/> come from the composition root.</summary>
    public static IServiceCollection AddCofferCore(this IServiceCollection services, RootKey rootKey)
    {
        services.AddSingleton(rootKey);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<VaultKeyRing>();
        services.AddSingleton<BackupProtector>();
        services.AddSingleton<VaultDirectory>();
        services.AddSingleton<SecretService>();
        services.AddSingleton<OpenedKeyCache>();
        services.AddSingleton<KeyService>();
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<CredentialDirectory>();
        services.AddSingleton<CredentialSync>();
        services.AddSingleton<ServicePrincipalService>();
        services.AddSingleton<BootstrapAdministrator>();
        services.AddSingleton<TokenIssuer>();
        services.TryAddSingleton<ExternalIssuerOptions>(); // none trusted unless the composition root says so
        services.AddSingleton<ExternalIssuers>();
        services.AddSingleton<TokenValidator>();
        services.AddSingleton<IdentityService>();
        services.AddSingleton<AccessEvaluator>();
        services.AddSingleton<LockService>();
        services.AddSingleton<AlertService>();
        services.AddSingleton<AlertEvaluator>(); // its IAlertSender comes from the host
        services.TryAddSingleton<IJobLease, SingleNodeJobLease>(); // a clustered store replaces it
        services.TryAddSingleton<IChangeFeed, SingleNodeChangeFeed>(); // likewise
        return services;
    }
}
