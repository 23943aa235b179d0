using Coffer.Core.Keys;

namespace Coffer.Storage.Tests;

/// <summary>Rotation policies and notifications.</summary>
public abstract partial class KeyStoreContractTests
{
    [Fact]
    public async Task SetRotationPolicyAsync_ThenGetAndList_ReturnItWithTheLatestVersion()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddVersionAsync(NewVersion("policy"), null, Ct);
        var latest = (await store.AddVersionAsync(NewVersion("policy"), null, Ct))!;
        await store.AddVersionAsync(NewVersion("nopolicy"), null, Ct);
        var policy = new KeyRotationPolicy(
            [new LifetimeAction(LifetimeAction.Rotate, "P1Y", null), new LifetimeAction(LifetimeAction.Notify, null, "P30D")], "P2Y", Now, Now);

        // Act
        var set = await store.SetRotationPolicyAsync(VaultId, "policy", policy, Ct);
        var missing = await store.SetRotationPolicyAsync(VaultId, "absent", policy, Ct);
        var read = await store.GetRotationPolicyAsync(VaultId, "policy", Ct);
        var listed = await store.ListWithRotationPolicyAsync(Ct);

        // Assert
        Assert.True(set);
        Assert.False(missing);
        Assert.NotNull(read);
        Assert.Equal(policy.LifetimeActions, read.LifetimeActions);
        Assert.Equal("P2Y", read.ExpiryTime);
        Assert.Null(await store.GetRotationPolicyAsync(VaultId, "nopolicy", Ct));
        var (listedLatest, listedPolicy) = Assert.Single(listed, l => l.Latest.VaultId == VaultId);
        Assert.Equal(latest.Version, listedLatest.Version);
        Assert.Equal(policy.LifetimeActions, listedPolicy.LifetimeActions);
    }

    [Fact]
    public async Task SetRotationPolicyAsync_Again_KeepsCreatedAndReplacesTheRest()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddVersionAsync(NewVersion("twice"), null, Ct);
        await store.SetRotationPolicyAsync(VaultId, "twice", new KeyRotationPolicy([new LifetimeAction(LifetimeAction.Rotate, "P30D", null)], null, Now, Now), Ct);

        // Act
        await store.SetRotationPolicyAsync(VaultId, "twice", new KeyRotationPolicy([], "P60D", Now.AddDays(5), Now.AddDays(5)), Ct);

        // Assert
        var read = (await store.GetRotationPolicyAsync(VaultId, "twice", Ct))!;
        Assert.Empty(read.LifetimeActions);
        Assert.Equal("P60D", read.ExpiryTime);
        Assert.Equal(Now, read.Created);
        Assert.Equal(Now.AddDays(5), read.Updated);
        Assert.DoesNotContain(await store.ListWithRotationPolicyAsync(Ct), l => l.Latest.VaultId == VaultId);
    }

    [Fact]
    public async Task AddNotificationAsync_OncePerVersionAndType_GoneWithThePurgedKey()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var version = (await store.AddVersionAsync(NewVersion("noticed"), null, Ct))!;
        var notification = new KeyNotification(VaultId, "noticed", version.Version, KeyNotification.NearExpiry, Now, Now.AddDays(30), Now);
        var before = (await store.ListNotificationsAsync(0, 1000, Ct)).Count;

        // Act
        var first = await store.AddNotificationAsync(notification, Ct);
        var second = await store.AddNotificationAsync(notification with { Recorded = Now.AddMinutes(1) }, Ct);
        var listed = await store.ListNotificationsAsync(0, 1000, Ct);
        await store.DeleteAsync(VaultId, "noticed", Now, Now, Ct);
        await store.PurgeAsync(VaultId, "noticed", Ct);

        // Assert
        Assert.True(first);
        Assert.False(second);
        Assert.Equal(before + 1, listed.Count);
        var stored = listed[^1];
        Assert.Equal(version.Version, stored.Version);
        Assert.Equal(Now.AddDays(30), stored.Expires);
        Assert.True(stored.Sequence > 0);
        Assert.Empty(await store.ListNotificationsAsync(stored.Sequence, 10, Ct));
        Assert.DoesNotContain(await store.ListNotificationsAsync(0, 1000, Ct), n => n.VaultId == VaultId);
    }
}
