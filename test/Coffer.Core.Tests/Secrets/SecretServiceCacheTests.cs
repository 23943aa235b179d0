using Coffer.Core.Errors;
using Coffer.Core.KeyRing;
using Coffer.Core.Secrets;
using Coffer.Core.Vaults;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Core.Tests.Secrets;

/// <summary>
/// The secret service serves a secret it just served from its cache, but still opens the sealed value and checks that
/// the secret is enabled on every GET.
/// </summary>
public sealed class SecretServiceCacheTests : IDisposable
{
    private readonly SecretBench _bench = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetAsync_SameSecretTwice_ReadsTheStoreOnce_AndOpensTheValueEachTime()
    {
        // Arrange
        var (service, store, vault) = await CachedOverAsync("db", "s3cret");

        // Act
        var first = await service.GetAsync(vault, "db", null, Ct);
        var second = await service.GetAsync(vault, "DB", null, Ct);

        // Assert
        Assert.Equal(1, store.Reads);
        Assert.Equal("s3cret", first.Value);
        Assert.Equal("s3cret", second.Value);
        Assert.NotSame(first.Value, second.Value);
    }

    [Fact]
    public async Task GetAsync_CachedDisabledSecret_IsRefusedEveryTime()
    {
        // Arrange
        var (service, store, vault) = await CachedOverAsync("db", "s3cret");
        store.Current = store.Current! with { Enabled = false };

        // Act
        var first = await Assert.ThrowsAsync<CofferException>(() => service.GetAsync(vault, "db", null, Ct).AsTask());
        var second = await Assert.ThrowsAsync<CofferException>(() => service.GetAsync(vault, "db", null, Ct).AsTask());

        // Assert
        Assert.Equal(1, store.Reads);
        Assert.Equal(403, first.Status);
        Assert.Equal(403, second.Status);
        Assert.Equal(ErrorCodes.SecretDisabled, second.InnerCode);
    }

    public void Dispose() => _bench.Dispose();

    /// <summary>A secret sealed by the bench's service, served by a second service over a store that counts its reads.</summary>
    private async Task<(SecretService Service, ScriptedSecretStore Store, Vault Vault)> CachedOverAsync(string name, string value)
    {
        var vault = await _bench.CreateVaultAsync("cache", Ct);
        var stored = await _bench.Service.SetAsync(vault, name, value, new SecretAttributes(), Ct);
        var store = new ScriptedSecretStore { Current = stored };
        var service = new SecretService(store, _bench.KeyRing, new BackupProtector(_bench.RootKey), _bench.Time, NullLogger<SecretService>.Instance);
        return (service, store, vault);
    }
}
