using Coffer.Core.Caching;
using Coffer.Core.Secrets;
using Coffer.Core.Tests.Secrets;

namespace Coffer.Core.Tests.Caching;

public sealed class StoredVersionCacheTests
{
    private static readonly Guid Vault = Guid.NewGuid();

    [Fact]
    public void TryGet_AfterAdd_ReturnsTheSameVersion_ForItsKeyOnly()
    {
        // Arrange
        var cache = new StoredVersionCache<SecretVersion>(CachingSecretStore.WeightOf);
        var secret = ScriptedSecretStore.Version(Vault, "db", "v1");

        // Act
        cache.Add(Vault, "db", null, secret, cache.Generation(Vault, "db"));

        // Assert
        Assert.True(cache.TryGet(Vault, "db", null, out var cached));
        Assert.Same(secret, cached);
        Assert.False(cache.TryGet(Vault, "db", "v1", out _));
        Assert.False(cache.TryGet(Guid.NewGuid(), "db", null, out _));
        Assert.False(cache.TryGet(Vault, "other", null, out _));
    }

    [Fact]
    public void Forget_DropsEveryVersionOfTheName_AndNoOtherName()
    {
        // Arrange
        var cache = new StoredVersionCache<SecretVersion>(CachingSecretStore.WeightOf);
        cache.Add(Vault, "db", null, ScriptedSecretStore.Version(Vault, "db", "v2"), cache.Generation(Vault, "db"));
        cache.Add(Vault, "db", "v1", ScriptedSecretStore.Version(Vault, "db", "v1"), cache.Generation(Vault, "db"));
        cache.Add(Vault, "web", null, ScriptedSecretStore.Version(Vault, "web", "w1"), cache.Generation(Vault, "web"));

        // Act
        cache.Forget(Vault, "db");

        // Assert
        Assert.False(cache.TryGet(Vault, "db", null, out _));
        Assert.False(cache.TryGet(Vault, "db", "v1", out _));
        Assert.True(cache.TryGet(Vault, "web", null, out _) || SharesStripe("db", "web"));
    }

    [Fact]
    public void Add_UnderAGenerationAForgetHasPassed_CachesNothing()
    {
        // Arrange: a read began (took the generation), then a write forgot the name before the read finished.
        var cache = new StoredVersionCache<SecretVersion>(CachingSecretStore.WeightOf);
        var generation = cache.Generation(Vault, "db");
        cache.Forget(Vault, "db");

        // Act
        cache.Add(Vault, "db", null, ScriptedSecretStore.Version(Vault, "db", "old"), generation);

        // Assert
        Assert.False(cache.TryGet(Vault, "db", null, out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void ForgetAll_DropsEverything()
    {
        // Arrange
        var cache = new StoredVersionCache<SecretVersion>(CachingSecretStore.WeightOf);
        foreach (var name in new[] { "a", "b", "c" })
        {
            cache.Add(Vault, name, null, ScriptedSecretStore.Version(Vault, name, "v"), cache.Generation(Vault, name));
        }

        // Act
        cache.ForgetAll();

        // Assert
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Bytes);
        Assert.False(cache.TryGet(Vault, "a", null, out _));
    }

    [Fact]
    public void Add_BeyondCapacity_StaysWithinIt_AndKeepsWhatWasReadAgain()
    {
        // Arrange
        var cache = new StoredVersionCache<SecretVersion>(CachingSecretStore.WeightOf, capacity: 16);
        var hot = ScriptedSecretStore.Version(Vault, "hot", "v");
        cache.Add(Vault, "hot", null, hot, cache.Generation(Vault, "hot"));

        // Act: many one-off reads, the hot secret read between each.
        for (var i = 0; i < 200; i++)
        {
            var name = "cold-" + i;
            cache.Add(Vault, name, null, ScriptedSecretStore.Version(Vault, name, "v"), cache.Generation(Vault, name));
            Assert.True(cache.TryGet(Vault, "hot", null, out _));
        }

        // Assert
        Assert.InRange(cache.Count, 1, 16);
        Assert.True(cache.TryGet(Vault, "hot", null, out var cached));
        Assert.Same(hot, cached);
    }

    [Fact]
    public void Add_BeyondTheByteBudget_StaysWithinIt()
    {
        // Arrange: 25 KB values (Key Vault's largest), a 256 KB budget, far more entries allowed than fit.
        var cache = new StoredVersionCache<SecretVersion>(CachingSecretStore.WeightOf, capacity: 4096, byteBudget: 256 * 1024);

        // Act
        for (var i = 0; i < 100; i++)
        {
            var name = "big-" + i;
            cache.Add(Vault, name, null, ScriptedSecretStore.Version(Vault, name, "v", new byte[25 * 1024]), cache.Generation(Vault, name));
        }

        // Assert
        Assert.InRange(cache.Bytes, 1, 256 * 1024);
        Assert.InRange(cache.Count, 1, 10);
    }

    // Names share generation stripes; a shared stripe may forget a neighbour too (only a miss, never a stale hit).
    private static bool SharesStripe(string first, string second)
    {
        var cache = new StoredVersionCache<SecretVersion>(CachingSecretStore.WeightOf);
        var before = cache.Generation(Vault, second);
        cache.Forget(Vault, first);
        return cache.Generation(Vault, second) != before;
    }
}
