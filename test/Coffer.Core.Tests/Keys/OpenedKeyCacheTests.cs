using Coffer.Core.Keys;
using Coffer.Core.Keys.Cryptography;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Core.Tests.Keys;

public sealed class OpenedKeyCacheTests
{
    private static readonly Guid Vault = Guid.NewGuid();
    private static readonly byte[] Sealed = [1, 2, 3, 4];

    [Fact]
    public void TryRent_AfterAdd_LeasesTheSameMaterial()
    {
        // Arrange
        using var cache = new OpenedKeyCache(new FakeTimeProvider());
        var material = KeyGenerator.Generate("oct", 256, null, null);
        cache.Add(Vault, "k", "v1", Sealed, material).Dispose();

        // Act
        using var lease = cache.TryRent(Vault, "k", "v1", Sealed);

        // Assert
        Assert.NotNull(lease);
        Assert.Same(material, lease.Material);
        Assert.Null(cache.TryRent(Vault, "k", "v2", Sealed));
        Assert.Null(cache.TryRent(Guid.NewGuid(), "k", "v1", Sealed));
    }

    [Fact]
    public void TryRent_OtherSealedBytes_MissesAndDisposesTheOldMaterial()
    {
        // Arrange
        using var cache = new OpenedKeyCache(new FakeTimeProvider());
        var material = KeyGenerator.Generate("RSA", 2048, null, null);
        cache.Add(Vault, "k", "v1", Sealed, material).Dispose();

        // Act
        var lease = cache.TryRent(Vault, "k", "v1", [9, 9, 9, 9]);

        // Assert
        Assert.Null(lease);
        Assert.Equal(0, cache.Count);
        Assert.Throws<ObjectDisposedException>(() => material.PublicParts());
    }

    [Fact]
    public void Evict_WhileLeased_DisposesWhenTheLastLeaseEnds()
    {
        // Arrange
        using var cache = new OpenedKeyCache(new FakeTimeProvider());
        var material = KeyGenerator.Generate("RSA", 2048, null, null);
        var lease = cache.Add(Vault, "k", "v1", Sealed, material);

        // Act
        cache.Evict(Vault, "k");
        var signature = KeyCryptography.Sign(lease.Material, KeyAlgorithms.Rs256, new byte[32]);
        lease.Dispose();

        // Assert
        Assert.Equal(256, signature.Length);
        Assert.Null(cache.TryRent(Vault, "k", "v1", Sealed));
        Assert.Throws<ObjectDisposedException>(() => material.PublicParts());
    }

    [Fact]
    public void IdleTimeout_Passed_EvictsAndDisposes()
    {
        // Arrange
        var time = new FakeTimeProvider();
        using var cache = new OpenedKeyCache(time);
        var idle = KeyGenerator.Generate("oct", 256, null, null);
        var used = KeyGenerator.Generate("oct", 256, null, null);
        cache.Add(Vault, "idle", "v1", Sealed, idle).Dispose();
        cache.Add(Vault, "used", "v1", Sealed, used).Dispose();

        // Act
        time.Advance(OpenedKeyCache.IdleTimeout / 2);
        cache.TryRent(Vault, "used", "v1", Sealed)!.Dispose();
        time.Advance(OpenedKeyCache.IdleTimeout / 2);

        // Assert
        Assert.Null(cache.TryRent(Vault, "idle", "v1", Sealed));
        Assert.Throws<ObjectDisposedException>(() => idle.PublicParts());
        using var stillThere = cache.TryRent(Vault, "used", "v1", Sealed);
        Assert.NotNull(stillThere);
    }

    [Fact]
    public void Add_BeyondMaxKeys_EvictsTheLeastRecentlyUsed()
    {
        // Arrange
        var time = new FakeTimeProvider();
        using var cache = new OpenedKeyCache(time);
        var first = KeyGenerator.Generate("oct", 256, null, null);
        cache.Add(Vault, "k0", "v", Sealed, first).Dispose();
        for (var i = 1; i < OpenedKeyCache.MaxKeys; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(1));
            cache.Add(Vault, "k" + i, "v", Sealed, KeyGenerator.Generate("oct", 256, null, null)).Dispose();
        }

        // Act
        time.Advance(TimeSpan.FromMilliseconds(1));
        cache.Add(Vault, "extra", "v", Sealed, KeyGenerator.Generate("oct", 256, null, null)).Dispose();

        // Assert
        Assert.Equal(OpenedKeyCache.MaxKeys, cache.Count);
        Assert.Null(cache.TryRent(Vault, "k0", "v", Sealed));
        Assert.Throws<ObjectDisposedException>(() => first.PublicParts());
    }
}
