using Coffer.Core.Abstractions;

namespace Coffer.Storage.Tests;

public abstract class MetadataStoreContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<IMetadataStore> CreateStoreAsync();

    [Fact]
    public async Task GetAsync_MissingKey_ReturnsNull()
    {
        // Arrange
        var store = await CreateStoreAsync();

        // Act
        var value = await store.GetAsync("tenant-id", Ct);

        // Assert
        Assert.Null(value);
    }

    [Fact]
    public async Task GetOrAddAsync_NewKey_StoresValue()
    {
        // Arrange
        var store = await CreateStoreAsync();

        // Act
        var stored = await store.GetOrAddAsync("tenant-id", "first", Ct);

        // Assert
        Assert.Equal("first", stored);
        Assert.Equal("first", await store.GetAsync("tenant-id", Ct));
    }

    [Fact]
    public async Task GetOrAddAsync_ExistingKey_KeepsFirstValue()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.GetOrAddAsync("tenant-id", "first", Ct);

        // Act
        var stored = await store.GetOrAddAsync("tenant-id", "second", Ct);

        // Assert
        Assert.Equal("first", stored);
        Assert.Equal("first", await store.GetAsync("tenant-id", Ct));
    }

    [Fact]
    public async Task GetOrAddAsync_ParallelCallers_AllSeeOneValue()
    {
        // Arrange
        var store = await CreateStoreAsync();

        // Act
        var values = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => store.GetOrAddAsync("subscription-id", $"value-{i}", Ct), Ct)));

        // Assert
        Assert.Single(values.Distinct());
        Assert.Equal(values[0], await store.GetAsync("subscription-id", Ct));
    }

    [Fact]
    public async Task ReplaceAsync_ExpectedValue_Replaces_OtherValueOrMissingKey_LeavesIt()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.GetOrAddAsync("claim", "node-a", Ct);

        // Act
        var stale = await store.ReplaceAsync("claim", "node-x", "node-b", Ct);
        var missing = await store.ReplaceAsync("absent", "node-a", "node-b", Ct);
        var replaced = await store.ReplaceAsync("claim", "node-a", "node-b", Ct);

        // Assert
        Assert.False(stale);
        Assert.False(missing);
        Assert.Null(await store.GetAsync("absent", Ct));
        Assert.True(replaced);
        Assert.Equal("node-b", await store.GetAsync("claim", Ct));
    }

    [Fact]
    public async Task ReplaceAsync_ParallelCallersReplacingOneValue_ExactlyOneSucceeds()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.GetOrAddAsync("claim", "stale", Ct);

        // Act
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => store.ReplaceAsync("claim", "stale", $"node-{i}", Ct), Ct)));

        // Assert
        var winner = Assert.Single(Enumerable.Range(0, 16), i => results[i]);
        Assert.Equal($"node-{winner}", await store.GetAsync("claim", Ct));
    }
}
