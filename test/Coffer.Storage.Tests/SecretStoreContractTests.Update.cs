using Coffer.Core.Secrets;

namespace Coffer.Storage.Tests;

// Updating a version's attributes: the given fields only, latest by default, concurrent patches, deleted or missing names.
public abstract partial class SecretStoreContractTests
{
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
}
