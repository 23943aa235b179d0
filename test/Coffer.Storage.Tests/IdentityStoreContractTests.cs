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
    public async Task AddAsync_NewIdentity_IsFoundByNamePrincipalAndClient()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var identity = NewIdentity("Build-Agent", "Team-RG", new Dictionary<string, string> { ["env"] = "prod", ["Owner"] = "ops" });
        await store.AddAsync(NewIdentity("other"), Ct);

        // Act
        var added = await store.AddAsync(identity, Ct);
        var byName = await store.GetByNameAsync("build-agent", Ct);
        var byPrincipal = await store.GetByPrincipalIdAsync(identity.PrincipalId, Ct);
        var byClient = await store.GetByClientIdAsync(identity.ClientId, Ct);

        // Assert
        Assert.True(added);
        AssertSame(identity, byName);
        AssertSame(identity, byPrincipal);
        AssertSame(identity, byClient);
    }

    [Fact]
    public async Task AddAsync_NameTakenInOtherCasingOrGroup_ReturnsFalse()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddAsync(NewIdentity("worker", "a"), Ct);
        var second = NewIdentity("WORKER", "b");

        // Act
        var added = await store.AddAsync(second, Ct);

        // Assert
        Assert.False(added);
        Assert.Null(await store.GetByPrincipalIdAsync(second.PrincipalId, Ct));
    }

    [Fact]
    public async Task Lookups_Unknown_ReturnNull()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddAsync(NewIdentity("known"), Ct);

        // Act
        var byName = await store.GetByNameAsync("unknown", Ct);
        var byHash = await store.GetCredentialByHashAsync(SHA256.HashData("nope"u8), Ct);
        var byPrincipal = await store.GetByPrincipalIdAsync(Guid.NewGuid(), Ct);
        var byClient = await store.GetByClientIdAsync(Guid.NewGuid(), Ct);

        // Assert
        Assert.Null(byName);
        Assert.Null(byHash);
        Assert.Null(byPrincipal);
        Assert.Null(byClient);
    }

    [Fact]
    public async Task UpdateAsync_NewTags_ReplacesTagsOnly()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var identity = NewIdentity("tagged", tags: new Dictionary<string, string> { ["a"] = "1" });
        await store.AddAsync(identity, Ct);
        var updated = identity with { Tags = new Dictionary<string, string> { ["b"] = "2" } };

        // Act
        var ok = await store.UpdateAsync(updated, Ct);
        var missing = await store.UpdateAsync(NewIdentity("ghost"), Ct);

        // Assert
        Assert.True(ok);
        Assert.False(missing);
        AssertSame(updated, await store.GetByNameAsync("tagged", Ct));
    }

    [Fact]
    public async Task ListAsync_ByGroupOrAll_ReturnsByName()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddAsync(NewIdentity("zeta", "Apps"), Ct);
        await store.AddAsync(NewIdentity("alpha", "apps"), Ct);
        await store.AddAsync(NewIdentity("mid", "infra"), Ct);

        // Act
        var apps = await store.ListAsync("APPS", Ct);
        var all = await store.ListAsync(null, Ct);

        // Assert
        Assert.Equal(["alpha", "zeta"], apps.Select(i => i.Name).ToArray());
        Assert.Equal(["alpha", "mid", "zeta"], all.Select(i => i.Name).ToArray());
    }

    [Fact]
    public async Task Credentials_AddAndFindByHash_RoundTrip()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var identity = NewIdentity("creds");
        await store.AddAsync(identity, Ct);
        var first = NewCredential(identity, Now.AddDays(7));
        var second = NewCredential(identity, null);

        // Act
        await store.AddCredentialAsync(first, Ct);
        await store.AddCredentialAsync(second, Ct);
        var found = await store.GetCredentialByHashAsync(first.Hash.ToArray(), Ct);
        var listed = await store.ListCredentialsAsync(identity.PrincipalId, Ct);

        // Assert
        Assert.NotNull(found);
        Assert.Equal(first.Id, found.Id);
        Assert.Equal(identity.PrincipalId, found.PrincipalId);
        Assert.Equal(first.Hash, found.Hash);
        Assert.Equal(first.Created, found.Created);
        Assert.Equal(first.Expires, found.Expires);
        Assert.Null(found.Revoked);
        Assert.Equal(new[] { first.Id, second.Id }.Order(), listed.Select(c => c.Id).Order());
    }

    [Fact]
    public async Task RevokeCredentialAsync_OwnCredential_MarksRevokedOnce()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var identity = NewIdentity("revoker");
        var stranger = NewIdentity("stranger");
        await store.AddAsync(identity, Ct);
        await store.AddAsync(stranger, Ct);
        var credential = NewCredential(identity, null);
        await store.AddCredentialAsync(credential, Ct);

        // Act
        var byStranger = await store.RevokeCredentialAsync(stranger.PrincipalId, credential.Id, Now, Ct);
        var revoked = await store.RevokeCredentialAsync(identity.PrincipalId, credential.Id, Now.AddMinutes(1), Ct);
        var again = await store.RevokeCredentialAsync(identity.PrincipalId, credential.Id, Now.AddMinutes(2), Ct);

        // Assert
        Assert.False(byStranger);
        Assert.True(revoked);
        Assert.False(again);
        Assert.Equal(Now.AddMinutes(1), (await store.GetCredentialByHashAsync(credential.Hash, Ct))?.Revoked);
        Assert.Empty(await store.ListCredentialsAsync(identity.PrincipalId, Ct));
        Assert.Equal([credential.Id], (await store.ListRevokedCredentialsAsync(Now, Ct)).Select(c => c.Id).ToArray());
        Assert.Empty(await store.ListRevokedCredentialsAsync(Now.AddMinutes(2), Ct));
    }

    [Fact]
    public async Task DeleteAsync_IdentityWithCredentials_RemovesItAndRevokesThem()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var identity = NewIdentity("doomed");
        await store.AddAsync(identity, Ct);
        var live = NewCredential(identity, null);
        var alreadyRevoked = NewCredential(identity, null);
        await store.AddCredentialAsync(live, Ct);
        await store.AddCredentialAsync(alreadyRevoked, Ct);
        await store.RevokeCredentialAsync(identity.PrincipalId, alreadyRevoked.Id, Now, Ct);

        // Act
        var revoked = await store.DeleteAsync(identity.PrincipalId, Now.AddHours(1), Ct);
        var missing = await store.DeleteAsync(identity.PrincipalId, Now.AddHours(1), Ct);

        // Assert
        Assert.NotNull(revoked);
        Assert.Equal([live.Id], revoked.Select(c => c.Id).ToArray());
        Assert.Null(missing);
        Assert.Null(await store.GetByNameAsync("doomed", Ct));
        Assert.Equal(Now.AddHours(1), (await store.GetCredentialByHashAsync(live.Hash, Ct))?.Revoked);
    }

    [Fact]
    public async Task PruneRevokedCredentialsAsync_OldRevocations_AreForgotten()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var identity = NewIdentity("pruned");
        await store.AddAsync(identity, Ct);
        var old = NewCredential(identity, null);
        var recent = NewCredential(identity, null);
        var live = NewCredential(identity, null);
        foreach (var credential in new[] { old, recent, live })
        {
            await store.AddCredentialAsync(credential, Ct);
        }

        await store.RevokeCredentialAsync(identity.PrincipalId, old.Id, Now, Ct);
        await store.RevokeCredentialAsync(identity.PrincipalId, recent.Id, Now.AddHours(2), Ct);

        // Act
        var pruned = await store.PruneRevokedCredentialsAsync(Now.AddHours(1), Ct);

        // Assert
        Assert.Equal(1, pruned);
        Assert.Null(await store.GetCredentialByHashAsync(old.Hash, Ct));
        Assert.NotNull(await store.GetCredentialByHashAsync(recent.Hash, Ct));
        Assert.NotNull(await store.GetCredentialByHashAsync(live.Hash, Ct));
    }

    private static ManagedIdentity NewIdentity(string name, string resourceGroup = "rg", IReadOnlyDictionary<string, string>? tags = null) =>
        new(Guid.NewGuid(), name, Guid.NewGuid(), resourceGroup, "local", tags ?? new Dictionary<string, string>(), Now);

    private static WorkloadCredential NewCredential(ManagedIdentity identity, DateTimeOffset? expires) =>
        new(Guid.NewGuid(), identity.PrincipalId, SHA256.HashData(RandomNumberGenerator.GetBytes(32)), Now, expires);

    private static void AssertSame(ManagedIdentity expected, ManagedIdentity? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.PrincipalId, actual.PrincipalId);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.ClientId, actual.ClientId);
        Assert.Equal(expected.ResourceGroup, actual.ResourceGroup);
        Assert.Equal(expected.Location, actual.Location);
        Assert.Equal(expected.Tags.OrderBy(t => t.Key), actual.Tags.OrderBy(t => t.Key));
        Assert.Equal(expected.Created, actual.Created);
    }
}
