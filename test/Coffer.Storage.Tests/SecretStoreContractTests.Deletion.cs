using Coffer.Core.Secrets;

namespace Coffer.Storage.Tests;

// Soft delete and what follows it: reading and listing deleted secrets, recover, purge (one or all due) and restore.
public abstract partial class SecretStoreContractTests
{
    [Fact]
    public async Task DeleteAsync_LiveSecret_ReturnsLatestAndHidesEveryVersion()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var first = NewVersion("to-delete");
        await store.AddVersionAsync(first, Ct);
        var latest = NewVersion("to-delete", Now.AddMinutes(1));
        await store.AddVersionAsync(latest, Ct);

        // Act
        var deleted = await store.DeleteAsync(VaultId, "to-delete", Now.AddHours(1), Now.AddDays(90), Ct);

        // Assert
        Assert.NotNull(deleted);
        AssertSameVersion(latest, deleted.Latest);
        Assert.Equal(Now.AddHours(1), deleted.DeletedOn);
        Assert.Equal(Now.AddDays(90), deleted.ScheduledPurge);
        Assert.Null(await store.GetAsync(VaultId, "to-delete", null, Ct));
        Assert.Null(await store.GetAsync(VaultId, "to-delete", first.Version, Ct));
        Assert.Empty(await store.ListVersionsAsync(VaultId, "to-delete", 0, 10, Ct));
        Assert.Empty(await store.GetAllVersionsAsync(VaultId, "to-delete", Ct));
        Assert.Empty(await store.ListAsync(VaultId, null, 10, Ct));
        var fetched = await store.GetDeletedAsync(VaultId, "to-delete", Ct);
        Assert.NotNull(fetched);
        Assert.Equal(deleted.DeletedOn, fetched.DeletedOn);
        Assert.Equal(deleted.ScheduledPurge, fetched.ScheduledPurge);
        AssertSameVersion(latest, fetched.Latest);
    }

    [Fact]
    public async Task DeleteAsync_MissingOrAlreadyDeleted_ReturnsNull()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddVersionAsync(NewVersion("once"), Ct);
        await store.DeleteAsync(VaultId, "once", Now, Now.AddDays(7), Ct);

        // Act
        var missing = await store.DeleteAsync(VaultId, "never", Now, Now.AddDays(7), Ct);
        var again = await store.DeleteAsync(VaultId, "once", Now.AddDays(1), Now.AddDays(8), Ct);

        // Assert
        Assert.Null(missing);
        Assert.Null(again);
        Assert.Equal(Now, (await store.GetDeletedAsync(VaultId, "once", Ct))!.DeletedOn);
    }

    [Fact]
    public async Task GetDeletedAsync_LiveSecret_ReturnsNull()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddVersionAsync(NewVersion("alive"), Ct);

        // Act
        var deleted = await store.GetDeletedAsync(VaultId, "alive", Ct);

        // Assert
        Assert.Null(deleted);
    }

    [Fact]
    public async Task ListDeletedAsync_SomeDeleted_PagesDeletedOnlyInNameKeyOrder()
    {
        // Arrange
        var store = await CreateStoreAsync();
        for (var i = 0; i < 8; i++)
        {
            await store.AddVersionAsync(NewVersion($"item-{i}"), Ct);
        }

        var deletedNames = new[] { "item-1", "item-2", "item-4", "item-6", "item-7" };
        foreach (var name in deletedNames.Reverse())
        {
            await store.DeleteAsync(VaultId, name, Now, Now.AddDays(7), Ct);
        }

        // Act
        var listed = new List<DeletedSecret>();
        string? cursor = null;
        while (true)
        {
            var page = await store.ListDeletedAsync(VaultId, cursor, 2, Ct);
            Assert.InRange(page.Count, 0, 2);
            if (page.Count == 0)
            {
                break;
            }

            listed.AddRange(page);
            cursor = page[^1].Latest.NameKey;
        }

        // Assert
        Assert.Equal(deletedNames, listed.Select(d => d.Latest.Name));
        Assert.Equal(3, (await store.ListAsync(VaultId, null, 10, Ct)).Count);
    }

    [Fact]
    public async Task RecoverAsync_DeletedSecret_MakesItLiveAgain()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddVersionAsync(NewVersion("recoverable"), Ct);
        var latest = NewVersion("recoverable", Now.AddMinutes(1));
        await store.AddVersionAsync(latest, Ct);
        await store.DeleteAsync(VaultId, "recoverable", Now, Now.AddDays(7), Ct);

        // Act
        var recovered = await store.RecoverAsync(VaultId, "recoverable", Ct);

        // Assert
        Assert.NotNull(recovered);
        AssertSameVersion(latest, recovered);
        Assert.Null(await store.GetDeletedAsync(VaultId, "recoverable", Ct));
        Assert.Equal(latest.Version, (await store.GetAsync(VaultId, "recoverable", null, Ct))?.Version);
        Assert.Equal(2, (await store.GetAllVersionsAsync(VaultId, "recoverable", Ct)).Count);
        Assert.NotNull(await store.AddVersionAsync(NewVersion("recoverable"), Ct));
    }

    [Fact]
    public async Task RecoverAsync_LiveOrMissing_ReturnsNull()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddVersionAsync(NewVersion("live"), Ct);

        // Act
        var live = await store.RecoverAsync(VaultId, "live", Ct);
        var missing = await store.RecoverAsync(VaultId, "missing", Ct);

        // Assert
        Assert.Null(live);
        Assert.Null(missing);
    }

    [Fact]
    public async Task PurgeAsync_DeletedSecret_RemovesItForGood()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddVersionAsync(NewVersion("purgeable"), Ct);
        await store.AddVersionAsync(NewVersion("purgeable"), Ct);
        await store.DeleteAsync(VaultId, "purgeable", Now, Now.AddDays(7), Ct);

        // Act
        var purged = await store.PurgeAsync(VaultId, "purgeable", Ct);

        // Assert
        Assert.True(purged);
        Assert.Null(await store.GetDeletedAsync(VaultId, "purgeable", Ct));
        Assert.Null(await store.RecoverAsync(VaultId, "purgeable", Ct));
        var recreated = await store.AddVersionAsync(NewVersion("PURGEABLE"), Ct);
        Assert.NotNull(recreated);
        Assert.Equal("PURGEABLE", recreated.Name);
        Assert.Single(await store.GetAllVersionsAsync(VaultId, "purgeable", Ct));
    }

    [Fact]
    public async Task PurgeAsync_LiveOrMissing_ReturnsFalse()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddVersionAsync(NewVersion("live"), Ct);

        // Act
        var live = await store.PurgeAsync(VaultId, "live", Ct);
        var missing = await store.PurgeAsync(VaultId, "missing", Ct);

        // Assert
        Assert.False(live);
        Assert.False(missing);
        Assert.NotNull(await store.GetAsync(VaultId, "live", null, Ct));
    }

    [Fact]
    public async Task PurgeDueAsync_MixedPurgeTimes_PurgesOnlyThoseDue()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var otherVault = Guid.NewGuid();
        foreach (var name in new[] { "past", "exactly-now", "future", "live" })
        {
            await store.AddVersionAsync(NewVersion(name), Ct);
        }

        await store.AddVersionAsync(NewVersion("other") with { VaultId = otherVault }, Ct);
        await store.DeleteAsync(VaultId, "past", Now.AddDays(-8), Now.AddDays(-1), Ct);
        await store.DeleteAsync(VaultId, "exactly-now", Now.AddDays(-7), Now, Ct);
        await store.DeleteAsync(VaultId, "future", Now, Now.AddSeconds(1), Ct);
        await store.DeleteAsync(otherVault, "other", Now.AddDays(-8), Now.AddDays(-1), Ct);

        // Act
        var purged = await store.PurgeDueAsync(Now, Ct);

        // Assert
        Assert.Equal(3, purged);
        Assert.Null(await store.GetDeletedAsync(VaultId, "past", Ct));
        Assert.Null(await store.GetDeletedAsync(VaultId, "exactly-now", Ct));
        Assert.Null(await store.GetDeletedAsync(otherVault, "other", Ct));
        Assert.NotNull(await store.GetDeletedAsync(VaultId, "future", Ct));
        Assert.NotNull(await store.GetAsync(VaultId, "live", null, Ct));
        Assert.Equal(0, await store.PurgeDueAsync(Now, Ct));
    }

    [Fact]
    public async Task RestoreAsync_FreeName_WritesEveryVersionAsBackedUp()
    {
        // Arrange
        var store = await CreateStoreAsync();
        for (var i = 0; i < 3; i++)
        {
            await store.AddVersionAsync(NewVersion("Backed-Up", Now.AddMinutes(i)) with { Updated = Now.AddMinutes(i + 10) }, Ct);
        }

        var backup = await store.GetAllVersionsAsync(VaultId, "backed-up", Ct);
        await store.DeleteAsync(VaultId, "backed-up", Now, Now.AddDays(7), Ct);
        await store.PurgeAsync(VaultId, "backed-up", Ct);

        // Act
        var restored = await store.RestoreAsync(backup, Ct);

        // Assert
        Assert.True(restored);
        var versions = await store.GetAllVersionsAsync(VaultId, "backed-up", Ct);
        Assert.Equal(3, versions.Count);
        for (var i = 0; i < 3; i++)
        {
            AssertSameVersion(backup[i], versions[i]);
        }

        var latest = await store.GetAsync(VaultId, "backed-up", null, Ct);
        Assert.NotNull(latest);
        Assert.Equal(backup[^1].Version, latest.Version);
        Assert.Equal("Backed-Up", latest.Name);
        Assert.NotNull(await store.GetAsync(VaultId, "backed-up", backup[0].Version, Ct));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RestoreAsync_NameTaken_ReturnsFalseAndChangesNothing(bool deleted)
    {
        // Arrange
        var store = await CreateStoreAsync();
        var existing = await store.AddVersionAsync(NewVersion("taken"), Ct);
        if (deleted)
        {
            await store.DeleteAsync(VaultId, "taken", Now, Now.AddDays(7), Ct);
        }

        // Act
        var restored = await store.RestoreAsync([NewVersion("Taken"), NewVersion("Taken")], Ct);

        // Assert
        Assert.False(restored);
        if (deleted)
        {
            Assert.Equal(existing!.Version, (await store.GetDeletedAsync(VaultId, "taken", Ct))?.Latest.Version);
            await store.RecoverAsync(VaultId, "taken", Ct);
        }

        var versions = await store.GetAllVersionsAsync(VaultId, "taken", Ct);
        Assert.Equal([existing!.Version], versions.Select(v => v.Version));
    }
}
