using System.Security.Cryptography;
using Coffer.Core.Abstractions;
using Coffer.Core.Secrets;

namespace Coffer.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="ISecretStore"/> must have. Subclass once per store with a fresh, empty store per test.
/// Times are whole seconds: stores keep Unix seconds, as the Key Vault wire format does.
/// </summary>
public abstract class SecretStoreContractTests
{
    protected static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);

    protected Guid VaultId { get; } = Guid.NewGuid();

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<ISecretStore> CreateStoreAsync();

    [Fact]
    public async Task AddVersionAsync_NewName_ReturnsVersionWithSequence()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var version = NewVersion("db-password");

        // Act
        var stored = await store.AddVersionAsync(version, Ct);

        // Assert
        Assert.NotNull(stored);
        Assert.True(stored.Sequence > 0);
        AssertSameVersion(version, stored);
    }

    [Fact]
    public async Task AddVersionAsync_SubSecondTimesAndUpperCaseVersion_ReturnsWhatAReadReturns()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var version = NewVersion("precise") with
        {
            Version = Guid.NewGuid().ToString("N").ToUpperInvariant(),
            Created = Now.AddMilliseconds(750),
            Updated = Now.AddMilliseconds(750),
            Expires = Now.AddDays(1).AddMilliseconds(1),
        };

        // Act
        var stored = await store.AddVersionAsync(version, Ct);
        var read = await store.GetAsync(VaultId, "precise", null, Ct);

        // Assert
        Assert.NotNull(stored);
        Assert.NotNull(read);
        Assert.Equal(version.Version.ToLowerInvariant(), stored.Version);
        Assert.Equal(Now, stored.Created);
        AssertSameVersion(stored, read);
        Assert.Equal(stored.Sequence, read.Sequence);
    }

    [Fact]
    public async Task GetAsync_NoVersion_ReturnsLatest()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddVersionAsync(NewVersion("api-key"), Ct);
        var second = NewVersion("api-key", Now.AddMinutes(1));
        await store.AddVersionAsync(second, Ct);

        // Act
        var latest = await store.GetAsync(VaultId, "api-key", null, Ct);

        // Assert
        Assert.NotNull(latest);
        AssertSameVersion(second, latest);
    }

    [Fact]
    public async Task GetAsync_ByVersion_ReturnsThatVersion()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var first = NewVersion("api-key");
        await store.AddVersionAsync(first, Ct);
        await store.AddVersionAsync(NewVersion("api-key"), Ct);

        // Act
        var found = await store.GetAsync(VaultId, "api-key", first.Version, Ct);
        var foundUpper = await store.GetAsync(VaultId, "api-key", first.Version.ToUpperInvariant(), Ct);

        // Assert
        Assert.NotNull(found);
        AssertSameVersion(first, found);
        Assert.NotNull(foundUpper);
        Assert.Equal(first.Version, foundUpper.Version);
    }

    [Fact]
    public async Task GetAsync_AfterEachAdd_FollowsNewestVersion()
    {
        // Arrange
        var store = await CreateStoreAsync();

        // Act & Assert
        for (var i = 0; i < 5; i++)
        {
            var added = await store.AddVersionAsync(NewVersion("rotating", Now.AddMinutes(i)), Ct);
            var latest = await store.GetAsync(VaultId, "rotating", null, Ct);
            Assert.NotNull(added);
            Assert.NotNull(latest);
            Assert.Equal(added.Version, latest.Version);
            Assert.Equal(added.Sequence, latest.Sequence);
        }
    }

    [Fact]
    public async Task GetAsync_UnknownNameOrVersion_ReturnsNull()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddVersionAsync(NewVersion("known"), Ct);

        // Act
        var unknownName = await store.GetAsync(VaultId, "unknown", null, Ct);
        var unknownVersion = await store.GetAsync(VaultId, "known", Guid.NewGuid().ToString("N"), Ct);
        var otherVault = await store.GetAsync(Guid.NewGuid(), "known", null, Ct);

        // Assert
        Assert.Null(unknownName);
        Assert.Null(unknownVersion);
        Assert.Null(otherVault);
    }

    [Fact]
    public async Task AddVersionAsync_OtherCasing_KeepsFirstCasingAndMatchesCaseInsensitively()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddVersionAsync(NewVersion("MySecret"), Ct);

        // Act
        var second = await store.AddVersionAsync(NewVersion("MYSECRET"), Ct);
        var found = await store.GetAsync(VaultId, SecretName.Key("mySECRET"), null, Ct);

        // Assert
        Assert.NotNull(second);
        Assert.Equal("MySecret", second.Name);
        Assert.NotNull(found);
        Assert.Equal("MySecret", found.Name);
        Assert.Equal(second.Version, found.Version);
        Assert.Equal(2, (await store.ListVersionsAsync(VaultId, "mysecret", 0, 10, Ct)).Count);
    }

    [Fact]
    public async Task AddVersionAsync_SoftDeletedName_ReturnsNull()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddVersionAsync(NewVersion("gone"), Ct);
        await store.DeleteAsync(VaultId, "gone", Now, Now.AddDays(90), Ct);

        // Act
        var added = await store.AddVersionAsync(NewVersion("gone"), Ct);

        // Assert
        Assert.Null(added);
        var deleted = await store.GetDeletedAsync(VaultId, "gone", Ct);
        Assert.NotNull(deleted);
    }

    [Fact]
    public async Task AddVersionAsync_NullTagsAndDates_RoundTrip()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var version = NewVersion("plain") with { Tags = null, ContentType = null, NotBefore = null, Expires = null, Enabled = false };

        // Act
        await store.AddVersionAsync(version, Ct);
        var found = await store.GetAsync(VaultId, "plain", null, Ct);

        // Assert
        Assert.NotNull(found);
        AssertSameVersion(version, found);
    }

    [Fact]
    public async Task AddVersionAsync_TagsWithAwkwardCharacters_RoundTrip()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var tags = new Dictionary<string, string>
        {
            ["quote\"key"] = "back\\slash",
            ["unicode"] = "héllo wörld ✓",
            ["empty"] = "",
            ["json"] = "{\"a\":[1,2]}",
        };
        var version = NewVersion("tagged") with { Tags = tags };

        // Act
        await store.AddVersionAsync(version, Ct);
        var found = await store.GetAsync(VaultId, "tagged", null, Ct);

        // Assert
        Assert.NotNull(found);
        Assert.Equal(tags, found.Tags);
    }

    [Fact]
    public async Task UpdateAsync_ExistingVersion_ChangesGivenFieldsOnly()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var original = NewVersion("updatable");
        await store.AddVersionAsync(original, Ct);
        var changes = new SecretAttributes(
            Enabled: false,
            NotBefore: Now.AddDays(1),
            Expires: Now.AddDays(30),
            Tags: new Dictionary<string, string> { ["owner"] = "team-b" });

        // Act
        var updated = await store.UpdateAsync(VaultId, "updatable", original.Version, changes, Now.AddHours(1), Ct);
        var found = await store.GetAsync(VaultId, "updatable", original.Version, Ct);

        // Assert
        Assert.NotNull(updated);
        Assert.NotNull(found);
        Assert.Equal(Now.AddHours(1), found.Updated);
        Assert.False(found.Enabled);
        Assert.Equal(changes.NotBefore, found.NotBefore);
        Assert.Equal(changes.Expires, found.Expires);
        Assert.Equal(original.ContentType, found.ContentType);
        Assert.Equal(changes.Tags, found.Tags);
        Assert.Equal(original.Created, found.Created);
        Assert.Equal(original.Ciphertext, found.Ciphertext);
        Assert.Equal(original.Version, updated.Version);
        Assert.False(updated.Enabled);
        Assert.Equal(changes.Tags, updated.Tags);
    }

    [Fact]
    public async Task UpdateAsync_NoVersion_ChangesLatest()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var first = NewVersion("two-versions");
        var second = NewVersion("two-versions");
        await store.AddVersionAsync(first, Ct);
        await store.AddVersionAsync(second, Ct);

        // Act
        var updated = await store.UpdateAsync(VaultId, "two-versions", null, new SecretAttributes(ContentType: "text/latest"), Now, Ct);

        // Assert
        Assert.NotNull(updated);
        Assert.Equal(second.Version, updated.Version);
        Assert.Equal("text/latest", (await store.GetAsync(VaultId, "two-versions", second.Version, Ct))!.ContentType);
        Assert.NotEqual("text/latest", (await store.GetAsync(VaultId, "two-versions", first.Version, Ct))!.ContentType);
    }

    [Fact]
    public async Task UpdateAsync_ConcurrentChangesOfDifferentFields_AllKept()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var original = NewVersion("contended");
        await store.AddVersionAsync(original, Ct);
        SecretAttributes[] changes =
        [
            new(ContentType: "text/patched"),
            new(Expires: Now.AddDays(9)),
            new(NotBefore: Now.AddDays(1)),
            new(Tags: new Dictionary<string, string> { ["patched"] = "yes" }),
            new(Enabled: false),
        ];

        // Act
        await Task.WhenAll(changes.Select(c => Task.Run(() => store.UpdateAsync(VaultId, "contended", original.Version, c, Now, Ct), Ct)));
        var found = await store.GetAsync(VaultId, "contended", original.Version, Ct);

        // Assert
        Assert.NotNull(found);
        Assert.Equal("text/patched", found.ContentType);
        Assert.Equal(Now.AddDays(9), found.Expires);
        Assert.Equal(Now.AddDays(1), found.NotBefore);
        Assert.Equal("yes", found.Tags!["patched"]);
        Assert.False(found.Enabled);
    }

    [Fact]
    public async Task UpdateAsync_MissingOrDeleted_ReturnsNull()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var deleted = NewVersion("deleted");
        await store.AddVersionAsync(deleted, Ct);
        await store.DeleteAsync(VaultId, "deleted", Now, Now.AddDays(7), Ct);

        // Act
        var missing = await store.UpdateAsync(VaultId, "missing", null, new SecretAttributes(Enabled: false), Now, Ct);
        var ofDeleted = await store.UpdateAsync(VaultId, "deleted", deleted.Version, new SecretAttributes(Enabled: false), Now, Ct);

        // Assert
        Assert.Null(missing);
        Assert.Null(ofDeleted);
        var stillDeleted = await store.GetDeletedAsync(VaultId, "deleted", Ct);
        Assert.NotNull(stillDeleted);
        Assert.True(stillDeleted.Latest.Enabled);
    }

    [Fact]
    public async Task ListAsync_MoreItemsThanOnePage_PagesInNameKeyOrderWithCursor()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var names = Enumerable.Range(0, 30).Select(i => (i % 2 == 0 ? "Secret-" : "secret-") + i.ToString("D2")).ToArray();
        foreach (var name in names.Reverse())
        {
            await store.AddVersionAsync(NewVersion(name), Ct);
            await store.AddVersionAsync(NewVersion(name, Now.AddMinutes(1)), Ct);
        }

        await store.AddVersionAsync(NewVersion("secret-05-deleted"), Ct);
        await store.DeleteAsync(VaultId, "secret-05-deleted", Now, Now.AddDays(7), Ct);
        await store.AddVersionAsync(NewVersion("other-vault") with { VaultId = Guid.NewGuid() }, Ct);

        // Act
        var listed = new List<SecretVersion>();
        var pages = 0;
        string? cursor = null;
        while (true)
        {
            var page = await store.ListAsync(VaultId, cursor, 7, Ct);
            Assert.InRange(page.Count, 0, 7);
            if (page.Count == 0)
            {
                break;
            }

            pages++;
            listed.AddRange(page);
            cursor = page[^1].NameKey;
        }

        // Assert
        Assert.Equal(5, pages);
        Assert.Equal(names, listed.Select(v => v.Name));
        Assert.All(listed, v => Assert.Equal(Now.AddMinutes(1), v.Created));
        Assert.All(listed, v => Assert.Equal(VaultId, v.VaultId));
    }

    [Fact]
    public async Task ListVersionsAsync_ManyVersions_PagesInSequenceOrder()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var added = new List<SecretVersion>();
        for (var i = 0; i < 12; i++)
        {
            added.Add((await store.AddVersionAsync(NewVersion("versioned", Now.AddMinutes(i)), Ct))!);
        }

        await store.AddVersionAsync(NewVersion("unrelated"), Ct);

        // Act
        var pages = new List<IReadOnlyList<SecretVersion>>();
        long cursor = 0;
        while (true)
        {
            var page = await store.ListVersionsAsync(VaultId, "versioned", cursor, 5, Ct);
            if (page.Count == 0)
            {
                break;
            }

            pages.Add(page);
            cursor = page[^1].Sequence;
        }

        // Assert
        Assert.Equal([5, 5, 2], pages.Select(p => p.Count));
        Assert.Equal(added.Select(v => v.Version), pages.SelectMany(p => p).Select(v => v.Version));
        Assert.Equal(added.Select(v => v.Sequence), pages.SelectMany(p => p).Select(v => v.Sequence));
    }

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

    [Fact]
    public async Task AddVersionAsync_ParallelWritersToOneName_KeepsEveryVersion()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var versions = Enumerable.Range(0, 32).Select(_ => NewVersion("contended")).ToArray();

        // Act
        var results = await Task.WhenAll(versions.Select(v => Task.Run(() => store.AddVersionAsync(v, Ct), Ct)));

        // Assert
        Assert.All(results, r => Assert.NotNull(r));
        Assert.Equal(32, results.Select(r => r!.Sequence).Distinct().Count());
        var listed = await store.ListVersionsAsync(VaultId, "contended", 0, 100, Ct);
        Assert.Equal(versions.Select(v => v.Version).Order(), listed.Select(v => v.Version).Order());
        var reads = await Task.WhenAll(versions.Select(v => Task.Run(async () => await store.GetAsync(VaultId, "contended", v.Version, Ct), Ct)));
        for (var i = 0; i < versions.Length; i++)
        {
            Assert.NotNull(reads[i]);
            AssertSameVersion(versions[i], reads[i]!);
        }

        var newest = results.MaxBy(r => r!.Sequence)!;
        Assert.Equal(newest.Version, (await store.GetAsync(VaultId, "contended", null, Ct))?.Version);
    }

    protected SecretVersion NewVersion(string name, DateTimeOffset? created = null) =>
        new(
            VaultId,
            name,
            Guid.NewGuid().ToString("N"),
            created ?? Now,
            created ?? Now,
            Enabled: true,
            NotBefore: Now.AddDays(-1),
            Expires: Now.AddDays(365),
            ContentType: "text/plain",
            Tags: new Dictionary<string, string> { ["env"] = "test" },
            Ciphertext: RandomNumberGenerator.GetBytes(48));

    /// <summary>Everything but <see cref="SecretVersion.Sequence"/> (store-assigned) and the name's casing (the stored one wins).</summary>
    protected static void AssertSameVersion(SecretVersion expected, SecretVersion actual)
    {
        Assert.Equal(expected.VaultId, actual.VaultId);
        Assert.Equal(expected.NameKey, actual.NameKey);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.Created, actual.Created);
        Assert.Equal(expected.Updated, actual.Updated);
        Assert.Equal(expected.Enabled, actual.Enabled);
        Assert.Equal(expected.NotBefore, actual.NotBefore);
        Assert.Equal(expected.Expires, actual.Expires);
        Assert.Equal(expected.ContentType, actual.ContentType);
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.Ciphertext, actual.Ciphertext);
    }
}
