using Coffer.Core.Abstractions;
using Coffer.Core.Authorization;

namespace Coffer.Storage.Tests;

public abstract class RoleAssignmentStoreContractTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<IRoleAssignmentStore> CreateStoreAsync();

    [Fact]
    public async Task ListForPrincipalAsync_SeveralAssignments_ReturnsOnlyThatPrincipalsOldestFirst()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var principal = Guid.NewGuid();
        var vaultScoped = new RoleAssignment(Guid.NewGuid(), principal, Guid.NewGuid(), "/vaults/team-vault", Now.AddMinutes(5));
        var global = new RoleAssignment(Guid.NewGuid(), principal, Guid.NewGuid(), "/", Now);
        await store.AddAsync(vaultScoped, Ct);
        await store.AddAsync(global, Ct);
        await store.AddAsync(new RoleAssignment(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "/", Now), Ct);

        // Act
        var assignments = await store.ListForPrincipalAsync(principal, Ct);

        // Assert
        Assert.Equal([global, vaultScoped], assignments.ToArray());
    }

    [Fact]
    public async Task ListForPrincipalAsync_UnknownPrincipal_ReturnsEmpty()
    {
        // Arrange
        var store = await CreateStoreAsync();

        // Act
        var assignments = await store.ListForPrincipalAsync(Guid.NewGuid(), Ct);

        // Assert
        Assert.Empty(assignments);
    }
}
