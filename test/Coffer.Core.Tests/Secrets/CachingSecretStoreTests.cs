using Coffer.Core.Abstractions;
using Coffer.Core.Caching;
using Coffer.Core.Cluster;
using Coffer.Core.Secrets;
using Coffer.Core.Tests.Cluster;

namespace Coffer.Core.Tests.Secrets;

/// <summary>
/// The store behind the secret cache: a GET just served does not reach the store again, and every write that can change
/// what a GET returns makes the next GET read the store, on this node and, through the change feed, on the others.
/// </summary>
public sealed class CachingSecretStoreTests
{
    private static readonly Guid Vault = Guid.NewGuid();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Writes => ["set", "update", "delete", "recover", "purge", "restore"];

    [Fact]
    public async Task GetAsync_SameSecretTwice_ReadsTheStoreOnce()
    {
        // Arrange
        var store = new ScriptedSecretStore { Current = ScriptedSecretStore.Version(Vault, "db", "v1") };
        var cached = Over(store);

        // Act
        var first = await cached.GetAsync(Vault, "db", null, Ct);
        var second = await cached.GetAsync(Vault, "db", null, Ct);

        // Assert
        Assert.Equal(1, store.Reads);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task GetAsync_Missing_IsNotCached()
    {
        // Arrange
        var store = new ScriptedSecretStore();
        var cached = Over(store);

        // Act
        await cached.GetAsync(Vault, "db", null, Ct);
        await cached.GetAsync(Vault, "db", null, Ct);

        // Assert
        Assert.Equal(2, store.Reads);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task GetAsync_AfterAWrite_ReadsTheStoreAgain(string write)
    {
        // Arrange: the latest and one version are cached.
        var store = new ScriptedSecretStore { Current = ScriptedSecretStore.Version(Vault, "db", "v1") };
        var cached = Over(store);
        await cached.GetAsync(Vault, "db", null, Ct);
        await cached.GetAsync(Vault, "db", "v1", Ct);
        store.Current = ScriptedSecretStore.Version(Vault, "db", "v2");

        // Act
        await WriteAsync(cached, write, "db");
        var latest = await cached.GetAsync(Vault, "db", null, Ct);
        var version = await cached.GetAsync(Vault, "db", "v1", Ct);

        // Assert
        Assert.Equal(4, store.Reads);
        Assert.Equal("v2", latest!.Version);
        Assert.Equal("v2", version!.Version);
    }

    [Fact]
    public async Task GetAsync_ReadThatStartedBeforeAWrite_DoesNotCacheTheOldValue()
    {
        // Arrange: a GET takes the old value from the store and is held there.
        var store = new ScriptedSecretStore { Current = ScriptedSecretStore.Version(Vault, "db", "old"), Gate = new() };
        var cached = Over(store);
        var racing = cached.GetAsync(Vault, "db", null, Ct).AsTask();
        await store.ReadStarted.Task.WaitAsync(Ct);

        // Act: the write lands while it is held, then the held read finishes.
        store.Current = ScriptedSecretStore.Version(Vault, "db", "new");
        await cached.AddVersionAsync(store.Current, Ct);
        store.Gate.SetResult();
        var raced = await racing;
        store.Gate = null;
        var next = await cached.GetAsync(Vault, "db", null, Ct);

        // Assert
        Assert.Equal("old", raced!.Version);
        Assert.Equal("new", next!.Version);
        Assert.Equal(2, store.Reads);
    }

    [Fact]
    public async Task WriteOnOneNode_MakesTheOtherNodeReadTheStoreAgain()
    {
        // Arrange: two nodes over one store, each with its cache; B has served the old value.
        var bus = new ChangeBus();
        var store = new ScriptedSecretStore { Current = ScriptedSecretStore.Version(Vault, "db", "v1") };
        var a = Over(store, bus.Node());
        var b = Over(store, bus.Node());
        await b.GetAsync(Vault, "db", null, Ct);
        await b.GetAsync(Vault, "web", null, Ct);

        // Act
        store.Current = ScriptedSecretStore.Version(Vault, "db", "v2");
        await a.AddVersionAsync(store.Current, Ct);
        var db = await b.GetAsync(Vault, "db", null, Ct);

        // Assert
        Assert.Equal("v2", db!.Version);
        Assert.Equal(3, store.Reads);
    }

    [Fact]
    public async Task FeedReconnect_ForgetsEverything()
    {
        // Arrange
        var bus = new ChangeBus();
        var feed = bus.Node();
        var store = new ScriptedSecretStore { Current = ScriptedSecretStore.Version(Vault, "db", "v1") };
        var cached = Over(store, feed);
        await cached.GetAsync(Vault, "db", null, Ct);

        // Act
        ChangeBus.Disconnect(feed);
        ChangeBus.Reconnect(feed);
        await cached.GetAsync(Vault, "db", null, Ct);

        // Assert
        Assert.Equal(2, store.Reads);
    }

    private static CachingSecretStore Over(ScriptedSecretStore store, IChangeFeed? feed = null) =>
        new(store, new StoredVersionCache<SecretVersion>(CachingSecretStore.WeightOf), feed ?? new SingleNodeChangeFeed());

    private static async Task WriteAsync(CachingSecretStore store, string write, string nameKey)
    {
        var now = DateTimeOffset.UnixEpoch;
        switch (write)
        {
            case "set":
                await store.AddVersionAsync(ScriptedSecretStore.Version(Vault, nameKey, "v2"), Ct);
                break;
            case "update":
                await store.UpdateAsync(Vault, nameKey, "v1", new SecretAttributes { Enabled = false }, now, Ct);
                break;
            case "delete":
                await store.DeleteAsync(Vault, nameKey, now, now.AddDays(90), Ct);
                break;
            case "recover":
                await store.RecoverAsync(Vault, nameKey, Ct);
                break;
            case "purge":
                await store.PurgeAsync(Vault, nameKey, Ct);
                break;
            case "restore":
                await store.RestoreAsync([ScriptedSecretStore.Version(Vault, nameKey, "v2")], Ct);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(write), write, null);
        }
    }
}
