using Coffer.Api.Tests.TestSupport;
using Coffer.Core;
using Coffer.Core.Authorization;
using Coffer.Core.Identity;
using Coffer.Core.Vaults;

namespace Coffer.Api.Tests.Authorization;

/// <summary>
/// A server with one managed identity per built-in role and assignment scope, each holding only that role there, and
/// a token for each.
/// </summary>
public sealed class RbacMatrixFixture : ServerFixture
{
    public const string OtherVault = "other";

    private readonly Dictionary<(Guid Role, AssignmentScope Scope), (Guid ObjectId, string Token)> _callers = [];

    public string DevVaultScope { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var ct = TestContext.Current.CancellationToken;
        var vaults = GetService<VaultDirectory>();
        var dev = await vaults.EnsureAsync("dev", ct);
        var other = await vaults.EnsureAsync(OtherVault, ct);
        var subscription = GetService<Deployment>().SubscriptionId;
        DevVaultScope = dev.ResourceId(subscription);
        var scopes = new Dictionary<AssignmentScope, string>
        {
            [AssignmentScope.Vault] = DevVaultScope,
            [AssignmentScope.SameSecret] = DevVaultScope + "/secrets/" + SecretOperationTable.Target,
            [AssignmentScope.OtherSecret] = DevVaultScope + "/secrets/elsewhere",
            [AssignmentScope.OtherVault] = other.ResourceId(subscription),
        };

        var identities = GetService<IdentityService>();
        var access = GetService<AccessEvaluator>();
        foreach (var role in BuiltInRoles.All)
        {
            foreach (var (scope, path) in scopes)
            {
                var (identity, credential) = await identities.CreateAsync($"mx-{role.Id.ToString("N")[..8]}-{scope}".ToLowerInvariant(), ct);
                await access.AssignAsync(identity.PrincipalId, role, path, ct);
                _callers[(role.Id, scope)] = (identity.PrincipalId, await Server.GetTokenAsync(credential));
            }
        }
    }

    public (Guid ObjectId, string Token) Caller(RoleDefinition role, AssignmentScope scope) => _callers[(role.Id, scope)];
}
