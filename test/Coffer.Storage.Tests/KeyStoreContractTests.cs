using System.Security.Cryptography;
using Coffer.Core.Abstractions;
using Coffer.Core.Keys;
using Coffer.Core.Keys.Cryptography;

namespace Coffer.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="IKeyStore"/> must have. Subclass once per store with a fresh, empty store per test.
/// This part covers versions, updates, listing and deletion; rotation policies and notifications are in <c>.Rotation.cs</c>.
/// </summary>
public abstract partial class KeyStoreContractTests
{
    protected static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);

    protected Guid VaultId { get; } = Guid.NewGuid();

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<IKeyStore> CreateStoreAsync();

    [Fact]
    public async Task AddVersionAsync_ThenGet_ReturnsEveryField()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var version = NewVersion("Signing") with { Tags = new Dictionary<string, string> { ["t"] = "v" }, NotBefore = Now.AddDays(-1), Expires = Now.AddDays(9) };

        // Act
        var stored = await store.AddVersionAsync(version, null, Ct);
        var latest = await store.GetAsync(VaultId, "signing", null, Ct);
        var byVersion = await store.GetAsync(VaultId, "signing", version.Version.ToUpperInvariant(), Ct);

        // Assert
        Assert.NotNull(stored);
        Assert.True(stored.Sequence > 0);
        foreach (var read in new[] { stored, latest!, byVersion! })
        {
            Assert.Equal("Signing", read.Name);
            Assert.Equal(version.Version, read.Version);
            Assert.Equal("RSA-HSM", read.KeyType);
            Assert.Equal(2048, read.KeySize);
            Assert.Equal(["sign", "verify"], read.KeyOps);
            Assert.Equal(version.PublicKey.N, read.PublicKey.N);
            Assert.Equal(version.PublicKey.E, read.PublicKey.E);
            Assert.Null(read.PublicKey.X);
            Assert.Equal(version.SealedMaterial, read.SealedMaterial);
            Assert.Equal(Now.AddDays(9), read.Expires);
            Assert.Equal("v", read.Tags!["t"]);
        }
    }

    [Fact]
    public async Task AddVersionAsync_IfLatestNoLongerLatest_AddsNothing()
    {
        // Arrange: two rotations decided on the same latest version; only the first may land.
        var store = await CreateStoreAsync();
        var first = (await store.AddVersionAsync(NewVersion("rotating"), null, Ct))!;
        var rotated = await store.AddVersionAsync(NewVersion("rotating"), first.Version, Ct);

        // Act
        var second = await store.AddVersionAsync(NewVersion("rotating"), first.Version, Ct);
        var absent = await store.AddVersionAsync(NewVersion("absent"), first.Version, Ct);

        // Assert
        Assert.NotNull(rotated);
        Assert.Null(second);
        Assert.Null(absent);
        Assert.Equal(2, (await store.GetAllVersionsAsync(VaultId, "rotating", Ct)).Count);
        Assert.Null(await store.GetAsync(VaultId, "absent", null, Ct));
    }

    [Fact]
    public async Task UpdateAsync_OnlyGivenMembersChange()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var version = (await store.AddVersionAsync(NewVersion("upd") with { Tags = new Dictionary<string, string> { ["a"] = "1" } }, null, Ct))!;

        // Act
        var updated = await store.UpdateAsync(VaultId, "upd", null, new KeyChanges(Enabled: false, KeyOps: ["verify"]), Now.AddHours(1), Ct);

        // Assert
        Assert.NotNull(updated);
        Assert.False(updated.Enabled);
        Assert.Equal(["verify"], updated.KeyOps);
        Assert.Equal("1", updated.Tags!["a"]);
        Assert.Equal(Now.AddHours(1), updated.Updated);
        Assert.Equal(version.SealedMaterial, updated.SealedMaterial);
        Assert.Null(await store.UpdateAsync(VaultId, "upd", Guid.NewGuid().ToString("N"), new KeyChanges(Enabled: true), Now, Ct));
    }

    [Fact]
    public async Task ListAsync_LatestPerKeyInNameOrderAfterCursor()
    {
        // Arrange
        var store = await CreateStoreAsync();
        foreach (var name in new[] { "b", "a", "c" })
        {
            await store.AddVersionAsync(NewVersion(name), null, Ct);
        }

        var latestA = (await store.AddVersionAsync(NewVersion("a"), null, Ct))!;

        // Act
        var all = await store.ListAsync(VaultId, null, 10, Ct);
        var afterA = await store.ListAsync(VaultId, "a", 1, Ct);
        var versions = await store.ListVersionsAsync(VaultId, "a", 0, 10, Ct);

        // Assert
        Assert.Equal(["a", "b", "c"], all.Select(k => k.Name));
        Assert.Equal(latestA.Version, all[0].Version);
        Assert.Equal(["b"], afterA.Select(k => k.Name));
        Assert.Equal(2, versions.Count);
        Assert.Equal(latestA.Version, versions[1].Version);
    }

    [Fact]
    public async Task DeleteRecoverPurge_FollowTheSoftDeleteStates()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddVersionAsync(NewVersion("gone"), null, Ct);

        // Act
        var deleted = await store.DeleteAsync(VaultId, "gone", Now, Now.AddDays(7), Ct);
        var reuse = await store.AddVersionAsync(NewVersion("gone"), null, Ct);
        var listedDeleted = await store.ListDeletedAsync(VaultId, null, 10, Ct);
        var recovered = await store.RecoverAsync(VaultId, "gone", Ct);
        await store.DeleteAsync(VaultId, "gone", Now, Now.AddDays(7), Ct);
        var purged = await store.PurgeAsync(VaultId, "gone", Ct);

        // Assert
        Assert.NotNull(deleted);
        Assert.Equal(Now.AddDays(7), deleted.ScheduledPurge);
        Assert.Null(reuse);
        Assert.Single(listedDeleted);
        Assert.NotNull(recovered);
        Assert.True(purged);
        Assert.Null(await store.GetDeletedAsync(VaultId, "gone", Ct));
        Assert.NotNull(await store.AddVersionAsync(NewVersion("gone"), null, Ct));
    }

    [Fact]
    public async Task PurgeDueAsync_RemovesOnlyKeysPastTheirPurgeDate()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddVersionAsync(NewVersion("due"), null, Ct);
        await store.AddVersionAsync(NewVersion("kept"), null, Ct);
        await store.DeleteAsync(VaultId, "due", Now, Now.AddDays(7), Ct);
        await store.DeleteAsync(VaultId, "kept", Now, Now.AddDays(9), Ct);

        // Act
        var count = await store.PurgeDueAsync(Now.AddDays(8), Ct);

        // Assert
        Assert.Equal(1, count);
        Assert.Null(await store.GetDeletedAsync(VaultId, "due", Ct));
        Assert.NotNull(await store.GetDeletedAsync(VaultId, "kept", Ct));
    }

    [Fact]
    public async Task RestoreAsync_WritesVersionsAndPolicy_RefusesATakenName()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var versions = new[] { NewVersion("restored"), NewVersion("restored") };
        var policy = new KeyRotationPolicy([new LifetimeAction(LifetimeAction.Rotate, "P30D", null)], "P90D", Now, Now);

        // Act
        var first = await store.RestoreAsync(versions, policy, Ct);
        var again = await store.RestoreAsync(versions, policy, Ct);

        // Assert
        Assert.True(first);
        Assert.False(again);
        Assert.Equal(versions[1].Version, (await store.GetAsync(VaultId, "restored", null, Ct))!.Version);
        Assert.Equal(2, (await store.GetAllVersionsAsync(VaultId, "restored", Ct)).Count);
        Assert.Equal("P90D", (await store.GetRotationPolicyAsync(VaultId, "restored", Ct))!.ExpiryTime);
    }

    protected KeyVersion NewVersion(string name) =>
        new(VaultId, name, Guid.NewGuid().ToString("N"), "RSA-HSM", 2048, ["sign", "verify"], Now, Now, true, null, null, null,
            new PublicKeyParts(RandomNumberGenerator.GetBytes(256), [1, 0, 1], null, null, null), RandomNumberGenerator.GetBytes(64));
}
