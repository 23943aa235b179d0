using Coffer.Core.Authorization;
using Coffer.Core.Errors;
using Coffer.Core.Identity;
using Coffer.Core.Tests.Abstractions;
using Coffer.Core.Vaults;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Core.Tests.Authorization;

public sealed class AccessEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2025, 7, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly InMemoryRoleAssignmentStore _store = new();
    private readonly AccessEvaluator _evaluator;
    private readonly Principal _principal = new(Guid.NewGuid(), Guid.NewGuid(), "app", Now.AddHours(1));
    private readonly Vault _billing = new(Guid.NewGuid(), "billing", Now, 90, false);
    private readonly Vault _payroll = new(Guid.NewGuid(), "payroll", Now, 90, false);

    private static readonly Guid Subscription = Guid.NewGuid();

    public AccessEvaluatorTests() => _evaluator = new AccessEvaluator(_store, new Deployment(Guid.NewGuid(), Subscription), new FakeTimeProvider(Now));

    private static string Group => ResourceScope.ResourceGroupPath(Subscription, Vault.DefaultResourceGroup);

    private string BillingScope => _billing.ResourceId(Subscription);

    [Fact]
    public async Task DemandAsync_NoAssignment_ThrowsForbiddenByRbac()
    {
        // Act
        var exception = await Assert.ThrowsAsync<CofferException>(() => Demand(_billing, SecretOperations.Get));

        // Assert
        Assert.Equal(403, exception.Status);
        Assert.Equal(ErrorCodes.Forbidden, exception.Code);
        Assert.Equal(ErrorCodes.ForbiddenByRbac, exception.InnerCode);
        Assert.Contains($"oid={_principal.ObjectId:D}", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Vault: billing;location=local", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemandAsync_RoleAtRootScope_AllowsEveryVault()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _evaluator.AssignAsync(_principal.ObjectId, BuiltInRoles.SecretsUser, "/", ct);

        // Act
        var billing = await Record.ExceptionAsync(() => Demand(_billing, SecretOperations.Get));
        var payroll = await Record.ExceptionAsync(() => Demand(_payroll, SecretOperations.Get));

        // Assert
        Assert.Null(billing);
        Assert.Null(payroll);
    }

    [Fact]
    public async Task DemandAsync_RoleAtVaultScope_AllowsThatVaultOnly()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _evaluator.AssignAsync(_principal.ObjectId, BuiltInRoles.SecretsUser, BillingScope, ct);

        // Act
        var billing = await Record.ExceptionAsync(() => Demand(_billing, SecretOperations.Get));
        var payroll = await Record.ExceptionAsync(() => Demand(_payroll, SecretOperations.Get));

        // Assert
        Assert.Null(billing);
        var denied = Assert.IsType<CofferException>(payroll);
        Assert.Equal(403, denied.Status);
        Assert.Equal(ErrorCodes.ForbiddenByRbac, denied.InnerCode);
    }

    [Fact]
    public async Task DemandAsync_VaultScopeInOtherCase_Allows()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _evaluator.AssignAsync(_principal.ObjectId, BuiltInRoles.SecretsUser, BillingScope.ToUpperInvariant().Replace(Subscription.ToString("D").ToUpperInvariant(), Subscription.ToString("D"), StringComparison.Ordinal), ct);

        // Act
        var exception = await Record.ExceptionAsync(() => Demand(_billing, SecretOperations.Get));

        // Assert
        Assert.Null(exception);
    }

    [Theory]
    [InlineData("{vault}/secrets/x")]
    [InlineData("{group}/providers/Microsoft.KeyVault/vaults/billin")]
    [InlineData("{group}/providers/Microsoft.KeyVault/vaults/billing-prod")]
    [InlineData("{group}-other")]
    [InlineData("/subscriptions/00000000-0000-0000-0000-000000000001")]
    [InlineData("/vaults/billing")]
    public async Task DemandAsync_ScopeThatDoesNotContainTheVault_Denies(string template)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var scope = template.Replace("{vault}", BillingScope, StringComparison.Ordinal).Replace("{group}", Group, StringComparison.Ordinal);
        await _evaluator.AssignAsync(_principal.ObjectId, BuiltInRoles.Administrator, scope, ct);

        // Act
        var exception = await Record.ExceptionAsync(() => Demand(_billing, SecretOperations.Get));

        // Assert
        Assert.Equal(403, Assert.IsType<CofferException>(exception).Status);
    }

    [Fact]
    public async Task DemandAsync_RoleWithoutTheAction_Denies()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _evaluator.AssignAsync(_principal.ObjectId, BuiltInRoles.SecretsUser, "/", ct);

        // Act
        var exception = await Record.ExceptionAsync(() => Demand(_billing, SecretOperations.Set));

        // Assert
        var denied = Assert.IsType<CofferException>(exception);
        Assert.Equal(ErrorCodes.ForbiddenByRbac, denied.InnerCode);
        Assert.Contains("secrets/setSecret/action", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemandAsync_OtherPrincipalsAssignment_Denies()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _evaluator.AssignAsync(Guid.NewGuid(), BuiltInRoles.Administrator, "/", ct);

        // Act
        var exception = await Record.ExceptionAsync(() => Demand(_billing, SecretOperations.Get));

        // Assert
        Assert.Equal(403, Assert.IsType<CofferException>(exception).Status);
    }

    [Fact]
    public async Task DemandAsync_AssignmentOfUnknownRoleDefinition_Denies()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var custom = new RoleDefinition(Guid.NewGuid(), "Not built in", ["*"]);
        await _evaluator.AssignAsync(_principal.ObjectId, custom, "/", ct);

        // Act
        var exception = await Record.ExceptionAsync(() => Demand(_billing, SecretOperations.Get));

        // Assert
        Assert.Equal(403, Assert.IsType<CofferException>(exception).Status);
    }

    [Fact]
    public async Task DemandAsync_RepeatedCalls_ReadStoreOnce()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _evaluator.AssignAsync(_principal.ObjectId, BuiltInRoles.SecretsUser, "/", ct);

        // Act
        await Demand(_billing, SecretOperations.Get);
        await Demand(_billing, SecretOperations.List);
        await Demand(_payroll, SecretOperations.Get);

        // Assert
        Assert.Equal(1, _store.Reads);
    }

    [Fact]
    public async Task AssignAsync_AfterDenialWasCached_AllowsNextCall()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await Assert.ThrowsAsync<CofferException>(() => Demand(_billing, SecretOperations.Get));

        // Act
        await _evaluator.AssignAsync(_principal.ObjectId, BuiltInRoles.SecretsUser, "/", ct);
        var exception = await Record.ExceptionAsync(() => Demand(_billing, SecretOperations.Get));

        // Assert
        Assert.Null(exception);
    }

    /// <summary>
    /// A lookup that read the store before an assignment was written must not leave that stale list in the cache
    /// for good: once AssignAsync has returned, a later call has to see the new role.
    /// </summary>
    [Fact]
    public async Task DemandAsync_AssignmentCompletedDuringConcurrentLookup_AllowsLaterCalls()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var gate = _store.HoldReads();
        var inFlight = Demand(_billing, SecretOperations.Get);
        await _evaluator.AssignAsync(_principal.ObjectId, BuiltInRoles.SecretsUser, "/", ct);
        gate.SetResult();
        await Record.ExceptionAsync(() => inFlight.WaitAsync(TimeSpan.FromSeconds(10), ct));

        // Act
        var exception = await Record.ExceptionAsync(() => Demand(_billing, SecretOperations.Get));

        // Assert
        Assert.Null(exception);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("{subscription}")]
    [InlineData("{group}")]
    [InlineData("{vault}")]
    public async Task DemandAsync_RoleAtOrAboveTheVault_AllowsEverySecret(string template)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var scope = template.Replace("{subscription}", ResourceScope.SubscriptionPath(Subscription), StringComparison.Ordinal)
            .Replace("{group}", Group, StringComparison.Ordinal).Replace("{vault}", BillingScope, StringComparison.Ordinal);
        await _evaluator.AssignAsync(_principal.ObjectId, BuiltInRoles.SecretsUser, scope, ct);

        // Act
        var named = await Record.ExceptionAsync(() => Demand(_billing, SecretOperations.Get, "any"));
        var list = await Record.ExceptionAsync(() => Demand(_billing, SecretOperations.List));

        // Assert
        Assert.Null(named);
        Assert.Null(list);
    }

    [Fact]
    public async Task DemandAsync_RoleAtOneSecret_AllowsThatSecretOnlyAndNoList()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _evaluator.AssignAsync(_principal.ObjectId, BuiltInRoles.SecretsUser, BillingScope + "/secrets/db-password", ct);

        // Act
        var same = await Record.ExceptionAsync(() => Demand(_billing, SecretOperations.Get, "DB-PASSWORD"));
        var other = await Record.ExceptionAsync(() => Demand(_billing, SecretOperations.Get, "db-password2"));
        var list = await Record.ExceptionAsync(() => Demand(_billing, SecretOperations.List));

        // Assert
        Assert.Null(same);
        var denied = Assert.IsType<CofferException>(other);
        Assert.Contains("Resource: '" + (BillingScope + "/secrets/db-password2").ToLowerInvariant() + "'", denied.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.ForbiddenByRbac, Assert.IsType<CofferException>(list).InnerCode);
    }

    [Fact]
    public async Task DemandAsync_AccessPolicyVault_IgnoresRolesAndUsesPolicies()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _evaluator.AssignAsync(_principal.ObjectId, BuiltInRoles.Administrator, "/", ct);
        var policy = new AccessPolicy(_principal.TenantId, _principal.ObjectId, null, new AccessPolicyPermissions([], ["Get"], [], []));
        var vault = _billing with { EnableRbacAuthorization = false, AccessPolicies = [policy] };

        // Act
        var get = await Record.ExceptionAsync(() => Demand(vault, SecretOperations.Get, "a"));
        var list = await Record.ExceptionAsync(() => Demand(vault, SecretOperations.List));

        // Assert
        Assert.Null(get);
        var denied = Assert.IsType<CofferException>(list);
        Assert.Equal(403, denied.Status);
        Assert.Equal(ErrorCodes.AccessDenied, denied.InnerCode);
        Assert.Equal(
            $"The user, group or application 'appid=app;oid={_principal.ObjectId:D}' does not have secrets list permission on key vault 'billing;location=local'. " +
            "For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287",
            denied.Message);
    }

    [Theory]
    [InlineData("all", true)]
    [InlineData("ALL", true)]
    [InlineData("list", false)]
    public async Task DemandAsync_AccessPolicyPermission_MatchesCaseInsensitivelyWithAll(string permission, bool allowed)
    {
        // Arrange
        var policy = new AccessPolicy(_principal.TenantId, _principal.ObjectId, null, new AccessPolicyPermissions([], [permission], [], []));
        var vault = _billing with { EnableRbacAuthorization = false, AccessPolicies = [policy] };

        // Act
        var exception = await Record.ExceptionAsync(() => Demand(vault, SecretOperations.Set, "a"));

        // Assert
        Assert.Equal(allowed, exception is null);
    }

    [Fact]
    public async Task DemandAsync_AccessPolicyOfOtherTenantOrApplication_Denies()
    {
        // Arrange
        var all = new AccessPolicyPermissions([], ["all"], [], []);
        var vault = _billing with
        {
            EnableRbacAuthorization = false,
            AccessPolicies =
            [
                new AccessPolicy(Guid.NewGuid(), _principal.ObjectId, null, all),
                new AccessPolicy(_principal.TenantId, _principal.ObjectId, Guid.NewGuid(), all),
            ],
        };

        // Act
        var exception = await Record.ExceptionAsync(() => Demand(vault, SecretOperations.Get, "a"));

        // Assert
        Assert.Equal(ErrorCodes.AccessDenied, Assert.IsType<CofferException>(exception).InnerCode);
    }

    [Fact]
    public async Task DeleteAsync_AfterAllowWasCached_DeniesNextCall()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var assignment = await _evaluator.AssignAsync(_principal.ObjectId, BuiltInRoles.SecretsUser, "/", ct);
        await Demand(_billing, SecretOperations.Get, "a");

        // Act
        var deleted = await _evaluator.DeleteAsync(assignment.Id, ct);
        var exception = await Record.ExceptionAsync(() => Demand(_billing, SecretOperations.Get, "a"));

        // Assert
        Assert.Equal(assignment, deleted);
        Assert.Equal(403, Assert.IsType<CofferException>(exception).Status);
    }

    [Fact]
    public async Task CreateAsync_SamePrincipalRoleAndScope_Throws409RoleAssignmentExists()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _evaluator.AssignAsync(_principal.ObjectId, BuiltInRoles.SecretsUser, BillingScope, ct);

        // Act
        var exception = await Record.ExceptionAsync(() => _evaluator.AssignAsync(_principal.ObjectId, BuiltInRoles.SecretsUser, BillingScope.ToUpperInvariant(), ct));

        // Assert
        var conflict = Assert.IsType<CofferException>(exception);
        Assert.Equal(409, conflict.Status);
        Assert.Equal(ErrorCodes.RoleAssignmentExists, conflict.Code);
    }

    private Task Demand(Vault vault, DataOperation operation, string? name = null) =>
        _evaluator.DemandAsync(_principal, vault, operation, name, TestContext.Current.CancellationToken).AsTask();
}
