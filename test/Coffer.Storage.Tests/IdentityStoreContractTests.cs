using System.Security.Cryptography;
using Coffer.Core.Abstractions;
using Coffer.Core.Identity;

namespace Coffer.Storage.Tests;

public abstract class IdentityStoreContractTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<IIdentityStore> CreateStoreAsync();

    [Fact]
    public async Task AddAsync_NewIdentity_IsFoundByNameHashAndPrincipal()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var identity = NewIdentity("Build-Agent");
        await store.AddAsync(NewIdentity("other"), Ct);

        // Act
        var added = await store.AddAsync(identity, Ct);
        var byName = await store.GetByNameAsync("build-agent", Ct);
        var byHash = await store.GetByCredentialHashAsync(identity.CredentialHash.ToArray(), Ct);
        var byPrincipal = await store.GetByPrincipalIdAsync(identity.PrincipalId, Ct);

        // Assert
        Assert.True(added);
        AssertSame(identity, byName);
        AssertSame(identity, byHash);
        AssertSame(identity, byPrincipal);
    }

    [Fact]
    public async Task AddAsync_NameTakenInOtherCasing_ReturnsFalse()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var first = NewIdentity("worker");
        await store.AddAsync(first, Ct);
        var second = NewIdentity("WORKER");

        // Act
        var added = await store.AddAsync(second, Ct);

        // Assert
        Assert.False(added);
        Assert.Null(await store.GetByPrincipalIdAsync(second.PrincipalId, Ct));
        Assert.Null(await store.GetByCredentialHashAsync(second.CredentialHash, Ct));
    }

    [Fact]
    public async Task Lookups_Unknown_ReturnNull()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddAsync(NewIdentity("known"), Ct);

        // Act
        var byName = await store.GetByNameAsync("unknown", Ct);
        var byHash = await store.GetByCredentialHashAsync(SHA256.HashData("nope"u8), Ct);
        var byPrincipal = await store.GetByPrincipalIdAsync(Guid.NewGuid(), Ct);

        // Assert
        Assert.Null(byName);
        Assert.Null(byHash);
        Assert.Null(byPrincipal);
    }

    [Fact]
    public async Task ListAsync_SeveralIdentities_ReturnsAllByName()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var b = NewIdentity("bravo");
        var a = NewIdentity("alpha");
        await store.AddAsync(b, Ct);
        await store.AddAsync(a, Ct);

        // Act
        var listed = await store.ListAsync(Ct);

        // Assert
        Assert.Equal(2, listed.Count);
        AssertSame(a, listed[0]);
        AssertSame(b, listed[1]);
    }

    private static ManagedIdentity NewIdentity(string name) =>
        new(Guid.NewGuid(), name, Guid.NewGuid(), SHA256.HashData(RandomNumberGenerator.GetBytes(32)), Now);

    private static void AssertSame(ManagedIdentity expected, ManagedIdentity? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.PrincipalId, actual.PrincipalId);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.ClientId, actual.ClientId);
        Assert.Equal(expected.CredentialHash, actual.CredentialHash);
        Assert.Equal(expected.Created, actual.Created);
    }
}
