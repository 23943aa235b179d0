using System.Security.Cryptography;
using Coffer.Core.Abstractions;
using Coffer.Core.Identity;

namespace Coffer.Storage.Tests;

public abstract class ServicePrincipalStoreContractTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<IServicePrincipalStore> CreateStoreAsync();

    [Fact]
    public async Task AddAsync_NewPrincipal_IsFoundByObjectIdAppIdAndDisplayName()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var principal = NewPrincipal("Build-Pipeline", NewPassword("ci"), NewPassword(null));
        await store.AddAsync(NewPrincipal("other", NewPassword("x")), Ct);

        // Act
        var added = await store.AddAsync(principal, Ct);
        var byObject = await store.GetAsync(principal.ObjectId, Ct);
        var byApp = await store.GetByAppIdAsync(principal.AppId, Ct);
        var byName = await store.GetByDisplayNameAsync("build-PIPELINE", Ct);

        // Assert
        Assert.True(added);
        AssertSame(principal, byObject);
        AssertSame(principal, byApp);
        AssertSame(principal, byName);
    }

    [Fact]
    public async Task AddAsync_DisplayNameTakenInOtherCasing_ReturnsFalseAndWritesNothing()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddAsync(NewPrincipal("deployer"), Ct);
        var second = NewPrincipal("DEPLOYER", NewPassword("p"));

        // Act
        var added = await store.AddAsync(second, Ct);

        // Assert
        Assert.False(added);
        Assert.Null(await store.GetAsync(second.ObjectId, Ct));
        Assert.Null(await store.GetByAppIdAsync(second.AppId, Ct));
        Assert.Single(await store.ListAsync(Ct));
    }

    [Fact]
    public async Task Lookups_Unknown_ReturnNull()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var known = NewPrincipal("known");
        await store.AddAsync(known, Ct);

        // Act
        var byObject = await store.GetAsync(known.AppId, Ct);
        var byApp = await store.GetByAppIdAsync(known.ObjectId, Ct);
        var byName = await store.GetByDisplayNameAsync("unknown", Ct);

        // Assert
        Assert.Null(byObject);
        Assert.Null(byApp);
        Assert.Null(byName);
    }

    [Fact]
    public async Task ListAsync_SeveralPrincipals_ReturnsEachWithItsOwnPasswordsByDisplayName()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var b = NewPrincipal("bravo", NewPassword("b1"));
        var a = NewPrincipal("alpha", NewPassword("a1"), NewPassword("a2"));
        var c = NewPrincipal("charlie");
        foreach (var principal in new[] { b, a, c })
        {
            await store.AddAsync(principal, Ct);
        }

        // Act
        var listed = await store.ListAsync(Ct);

        // Assert
        Assert.Equal(["alpha", "bravo", "charlie"], listed.Select(p => p.DisplayName));
        AssertSame(a, listed[0]);
        AssertSame(b, listed[1]);
        AssertSame(c, listed[2]);
    }

    [Fact]
    public async Task AddPasswordAsync_ExistingPrincipal_AddsIt()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var principal = NewPrincipal("app", NewPassword("first"));
        await store.AddAsync(principal, Ct);
        var second = NewPassword("second", Now.AddSeconds(10));

        // Act
        var added = await store.AddPasswordAsync(principal.ObjectId, second, Ct);

        // Assert
        Assert.True(added);
        var stored = await store.GetAsync(principal.ObjectId, Ct);
        AssertSame(principal with { PasswordCredentials = [principal.PasswordCredentials[0], second] }, stored);
    }

    [Fact]
    public async Task AddPasswordAsync_UnknownPrincipal_ReturnsFalse()
    {
        // Arrange
        var store = await CreateStoreAsync();

        // Act
        var added = await store.AddPasswordAsync(Guid.NewGuid(), NewPassword("orphan"), Ct);

        // Assert
        Assert.False(added);
        Assert.Empty(await store.ListAsync(Ct));
    }

    [Fact]
    public async Task RemovePasswordAsync_OwnKey_RemovesOnlyThatKey()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var keep = NewPassword("keep");
        var drop = NewPassword("drop");
        var principal = NewPrincipal("app", keep, drop);
        await store.AddAsync(principal, Ct);

        // Act
        var removed = await store.RemovePasswordAsync(principal.ObjectId, drop.KeyId, Ct);
        var again = await store.RemovePasswordAsync(principal.ObjectId, drop.KeyId, Ct);

        // Assert
        Assert.True(removed);
        Assert.False(again);
        AssertSame(principal with { PasswordCredentials = [keep] }, await store.GetAsync(principal.ObjectId, Ct));
    }

    [Fact]
    public async Task RemovePasswordAsync_KeyOfAnotherPrincipal_ReturnsFalseAndKeepsIt()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var owner = NewPrincipal("owner", NewPassword("mine"));
        var other = NewPrincipal("other");
        await store.AddAsync(owner, Ct);
        await store.AddAsync(other, Ct);

        // Act
        var removed = await store.RemovePasswordAsync(other.ObjectId, owner.PasswordCredentials[0].KeyId, Ct);

        // Assert
        Assert.False(removed);
        AssertSame(owner, await store.GetAsync(owner.ObjectId, Ct));
    }

    [Fact]
    public async Task DeleteAsync_Principal_RemovesItAndItsPasswordsAndFreesTheName()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var principal = NewPrincipal("temp", NewPassword("p"));
        await store.AddAsync(principal, Ct);

        // Act
        var deleted = await store.DeleteAsync(principal.ObjectId, Ct);
        var again = await store.DeleteAsync(principal.ObjectId, Ct);

        // Assert
        Assert.True(deleted);
        Assert.False(again);
        Assert.Null(await store.GetAsync(principal.ObjectId, Ct));
        Assert.False(await store.RemovePasswordAsync(principal.ObjectId, principal.PasswordCredentials[0].KeyId, Ct));
        Assert.True(await store.AddAsync(NewPrincipal("TEMP"), Ct));
    }

    private static ServicePrincipal NewPrincipal(string name, params PasswordCredential[] passwords) =>
        new(Guid.NewGuid(), Guid.NewGuid(), name, Now, passwords);

    private static PasswordCredential NewPassword(string? displayName, DateTimeOffset? start = null) =>
        new(Guid.NewGuid(), displayName, "abc", start ?? Now, (start ?? Now).AddDays(365), SHA256.HashData(RandomNumberGenerator.GetBytes(32)));

    private static void AssertSame(ServicePrincipal expected, ServicePrincipal? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.ObjectId, actual.ObjectId);
        Assert.Equal(expected.AppId, actual.AppId);
        Assert.Equal(expected.DisplayName, actual.DisplayName);
        Assert.Equal(expected.Created, actual.Created);
        Assert.Equal(expected.PasswordCredentials.Count, actual.PasswordCredentials.Count);
        foreach (var (want, got) in expected.PasswordCredentials.Zip(actual.PasswordCredentials))
        {
            Assert.Equal(want.KeyId, got.KeyId);
            Assert.Equal(want.DisplayName, got.DisplayName);
            Assert.Equal(want.Hint, got.Hint);
            Assert.Equal(want.Start, got.Start);
            Assert.Equal(want.End, got.End);
            Assert.Equal(want.SecretHash, got.SecretHash);
        }
    }
}
