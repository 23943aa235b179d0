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

    public AccessEvaluatorTests() => _evaluator = new AccessEvaluator(_store, new FakeTimeProvider(Now));

    [Fact]
    public async Task DemandAsync_NoAssignment_ThrowsForbiddenByRbac()
    {
        // Act
        var exception = await Assert.ThrowsAsync<CofferException>(() => Demand(_billing, DataActions.SecretGet));

        // Assert
        Assert.Equal(403, exception.Status);
        Assert.Equal(ErrorCodes.Forbidden, exception.Code);
        Assert.Equal(ErrorCodes.ForbiddenByRbac, exception.InnerCode);
        Assert.Contains($"oid={_principal.ObjectId:D}", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Vault: billing", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemandAsync_RoleAtRootScope_AllowsEveryVault()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _evaluator.AssignAsync(_principal.ObjectId, BuiltInRoles.SecretsUser, "/", ct);

        // Act
        var billing = await Record.ExceptionAsync(() => Demand(_billing, DataActions.SecretGet));
        var payroll = await Record.ExceptionAsync(() => Demand(_payroll, DataActions.SecretGet));

        // Assert
        Assert.Null(billing);
        Assert.Null(payroll);
    }

    [Fact]
    public async Task DemandAsync_RoleAtVaultScope_AllowsThatVaultOnly()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _evaluator.AssignAsync(_principal.ObjectId, BuiltInRoles.SecretsUser, AccessEvaluator.VaultScope("billing"), ct);

        // Act
        var billing = await Record.ExceptionAsync(() => Demand(_billing, DataActions.SecretGet));
        var payroll = await Record.ExceptionAsync(() => Demand(_payroll, DataActions.SecretGet));

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
        await _evaluator.AssignAsync(_principal.ObjectId, BuiltInRoles.SecretsUser, "/vaults/BILLING", ct);

        // Act
        var exception = await Record.ExceptionAsync(() => Demand(_billing, DataActions.SecretGet));

        // Assert
        Assert.Null(exception);
    }

    [Theory]
    [InlineData("/vaults/billing/secrets/x")]
    [InlineData("/vaults/billin")]
    [InlineData("/vaults/billing-prod")]
    [InlineData("/vaults/")]
    [InlineData("")]
    public async Task DemandAsync_ScopeThatIsNotRootOrThisVault_Denies(string scope)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _evaluator.AssignAsync(_principal.ObjectId, BuiltInRoles.Administrator, scope, ct);

        // Act
        var exception = await Record.ExceptionAsync(() => Demand(_billing, DataActions.SecretGet));

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
        var exception = await Record.ExceptionAsync(() => Demand(_billing, DataActions.SecretSet));

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
        var exception = await Record.ExceptionAsync(() => Demand(_billing, DataActions.SecretGet));

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
        var exception = await Record.ExceptionAsync(() => Demand(_billing, DataActions.SecretGet));

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
        await Demand(_billing, DataActions.SecretGet);
        await Demand(_billing, DataActions.SecretReadMetadata);
        await Demand(_payroll, DataActions.SecretGet);

        // Assert
        Assert.Equal(1, _store.Reads);
    }

    [Fact]
    public async Task AssignAsync_AfterDenialWasCached_AllowsNextCall()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await Assert.ThrowsAsync<CofferException>(() => Demand(_billing, DataActions.SecretGet));

        // Act
        await _evaluator.AssignAsync(_principal.ObjectId, BuiltInRoles.SecretsUser, "/", ct);
        var exception = await Record.ExceptionAsync(() => Demand(_billing, DataActions.SecretGet));

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
        var inFlight = Demand(_billing, DataActions.SecretGet);
        await _evaluator.AssignAsync(_principal.ObjectId, BuiltInRoles.SecretsUser, "/", ct);
        gate.SetResult();
        await Record.ExceptionAsync(() => inFlight.WaitAsync(TimeSpan.FromSeconds(10), ct));

        // Act
        var exception = await Record.ExceptionAsync(() => Demand(_billing, DataActions.SecretGet));

        // Assert
        Assert.Null(exception);
    }

    private Task Demand(Vault vault, string action) =>
        _evaluator.DemandAsync(_principal, vault, action, TestContext.Current.CancellationToken).AsTask();
}
