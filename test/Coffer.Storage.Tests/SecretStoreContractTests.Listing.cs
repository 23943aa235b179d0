using Coffer.Core.Secrets;

namespace Coffer.Storage.Tests;

// Listing secrets and versions: paging with cursors, in name-key and sequence order.
public abstract partial class SecretStoreContractTests
{
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
}
