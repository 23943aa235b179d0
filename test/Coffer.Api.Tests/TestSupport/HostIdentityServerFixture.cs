using Coffer.Core;
using Coffer.Core.Authorization;
using Coffer.Core.Identity;
using Coffer.Core.Vaults;
using Coffer.Server.Hosting;

namespace Coffer.Api.Tests.TestSupport;

/// <summary>
/// A server with two identities assigned to the host (<c>--imds-identity host-one --imds-identity host-two</c>), both
/// allowed to read vault 'dev', plus <c>host-three</c>, which is assigned but never created.
/// </summary>
public sealed class HostIdentityServerFixture : ServerFixture
{
    public ManagedIdentity One { get; private set; } = null!;

    public ManagedIdentity Two { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var identities = GetService<IdentityService>();
        var access = GetService<AccessEvaluator>();
        var devVault = ResourceScope.VaultPath(GetService<Deployment>().SubscriptionId, Vault.DefaultResourceGroup, "dev");
        (One, _) = await identities.CreateOrUpdateAsync("hosts", "host-one", null, null, CancellationToken.None);
        (Two, _) = await identities.CreateOrUpdateAsync("hosts", "host-two", null, null, CancellationToken.None);
        await access.AssignAsync(One.PrincipalId, BuiltInRoles.SecretsUser, devVault, CancellationToken.None);
        await access.AssignAsync(Two.PrincipalId, BuiltInRoles.SecretsUser, devVault, CancellationToken.None);
    }

    protected override void ConfigureOptions(ServeOptions options)
    {
        options.ImdsIdentities.Add("host-one");
        options.ImdsIdentities.Add("host-two");
        options.ImdsIdentities.Add("host-three");
    }
}
