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

    [Fact]
    public async Task AddAsync_SamePrincipalRoleAndScopeInOtherCase_ReturnsFalseAndWritesNothing()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var principal = Guid.NewGuid();
        var role = Guid.NewGuid();
        var first = new RoleAssignment(Guid.NewGuid(), principal, role, "/subscriptions/x/resourceGroups/rg", Now);

        // Act
        var added = await store.AddAsync(first, Ct);
        var duplicate = await store.AddAsync(first with { Id = Guid.NewGuid(), Scope = "/SUBSCRIPTIONS/x/resourcegroups/RG" }, Ct);
        var otherRole = await store.AddAsync(first with { Id = Guid.NewGuid(), RoleDefinitionId = Guid.NewGuid() }, Ct);

        // Assert
        Assert.True(added);
        Assert.False(duplicate);
        Assert.True(otherRole);
        Assert.Equal(2, (await store.ListForPrincipalAsync(principal, Ct)).Count);
    }

    [Fact]
    public async Task GetAsync_Added_ReturnsEveryField()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var creator = Guid.NewGuid();
        var assignment = new RoleAssignment(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "/", Now) { PrincipalType = "User", CreatedBy = creator };
        await store.AddAsync(assignment, Ct);

        // Act
        var read = await store.GetAsync(assignment.Id, Ct);
        var missing = await store.GetAsync(Guid.NewGuid(), Ct);

        // Assert
        Assert.Equal(assignment, read);
        Assert.Null(missing);
    }

    [Fact]
    public async Task DeleteAsync_Existing_RemovesItOnce()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var assignment = new RoleAssignment(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "/", Now);
        await store.AddAsync(assignment, Ct);

        // Act
        var first = await store.DeleteAsync(assignment.Id, Ct);
        var second = await store.DeleteAsync(assignment.Id, Ct);

        // Assert
        Assert.True(first);
        Assert.False(second);
        Assert.Null(await store.GetAsync(assignment.Id, Ct));
        Assert.Empty(await store.ListForPrincipalAsync(assignment.PrincipalId, Ct));
    }

    [Fact]
    public async Task ListAsync_SeveralPrincipals_ReturnsAllOldestFirst()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var later = new RoleAssignment(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "/", Now.AddMinutes(1));
        var earlier = new RoleAssignment(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "/", Now);
        await store.AddAsync(later, Ct);
        await store.AddAsync(earlier, Ct);

        // Act
        var all = await store.ListAsync(Ct);

        // Assert
        Assert.Equal([earlier, later], all.ToArray());
    }
}
