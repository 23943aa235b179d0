using Coffer.Api.Tests.TestSupport;
using Coffer.Core;
using Coffer.Core.Authorization;
using Coffer.Core.Identity;
using Coffer.Core.Vaults;

namespace Coffer.Api.Tests.Authorization;

/// <summary>
/// A server with a key 'target' in vault 'dev', identities holding one key-related role each (at the vault, or at the
/// key alone), and a vault 'policies' governed by access policies with one identity allowed only keys get and sign.
/// </summary>
public sealed class KeyAccessFixture : ServerFixture
{
    public const string Target = "target";
    public const string PolicyVault = "policies";

    private readonly Dictionary<string, string> _tokens = [];

    public string DevVaultScope { get; private set; } = null!;

    public Uri PolicyVaultUri => new($"https://{PolicyVault}.localhost:{Server.Port}");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var ct = TestContext.Current.CancellationToken;
        var vaults = GetService<VaultDirectory>();
        var deployment = GetService<Deployment>();
        DevVaultScope = (await vaults.EnsureAsync("dev", ct)).ResourceId(deployment.SubscriptionId);
        await this.CreateKeyAsync(Target, """{"kty":"RSA"}""");
        await this.CreateKeyAsync("elsewhere", """{"kty":"RSA"}""");

        var identities = GetService<IdentityService>();
        var access = GetService<AccessEvaluator>();
        var roles = new (string Caller, RoleDefinition Role, string Scope)[]
        {
            ("crypto-user", BuiltInRoles.CryptoUser, DevVaultScope),
            ("crypto-officer", BuiltInRoles.CryptoOfficer, DevVaultScope),
            ("secrets-officer", BuiltInRoles.SecretsOfficer, DevVaultScope),
            ("encryption-user", BuiltInRoles.CryptoServiceEncryptionUser, DevVaultScope),
            ("reader", BuiltInRoles.Reader, DevVaultScope),
            ("key-scoped-user", BuiltInRoles.CryptoUser, DevVaultScope + "/keys/" + Target),
        };
        foreach (var (caller, role, scope) in roles)
        {
            var (identity, credential) = await identities.CreateAsync("kx-" + caller, ct);
            await access.AssignAsync(identity.PrincipalId, role, scope, ct);
            _tokens[caller] = await Server.GetTokenAsync(credential);
        }

        var (signer, signerCredential) = await identities.CreateAsync("kx-policy-signer", ct);
        await vaults.CreateAsync(PolicyVault, Vault.DefaultRetentionDays, ct);
        var policy = new AccessPolicy(deployment.TenantId, signer.PrincipalId, null, new AccessPolicyPermissions(["get", "sign"], [], [], []));
        await vaults.UpdateAsync(PolicyVault, v => v with { EnableRbacAuthorization = false, AccessPolicies = [policy] }, ct);
        _tokens["policy-signer"] = await Server.GetTokenAsync(signerCredential);
    }

    public string TokenOf(string caller) => _tokens[caller];
}
