using Coffer.Core.Errors;
using Coffer.Core.KeyRing;
using Coffer.Core.Tests.Abstractions;
using Coffer.Core.Vaults;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Core.Tests.Vaults;

public sealed class VaultDirectoryTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 7, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly RootKey _rootKey = new(RootKey.Generate(), "test");
    private readonly InMemoryVaultStore _vaults = new();
    private readonly InMemoryDataKeyStore _keys = new();
    private readonly VaultDirectory _directory;

    public VaultDirectoryTests()
    {
        var time = new FakeTimeProvider(Now);
        _directory = new VaultDirectory(_vaults, new VaultKeyRing(_rootKey, _keys, time), time);
    }

    [Fact]
    public async Task CreateAsync_ValidName_StoresVaultWithDataKey()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var vault = await _directory.CreateAsync("billing", 30, ct);

        // Assert
        Assert.Equal("billing", vault.Name);
        Assert.Equal(30, vault.RetentionDays);
        Assert.Equal(Now, vault.Created);
        Assert.Equal(vault, await _vaults.GetByNameAsync("billing", ct));
        Assert.Equal(vault.Id, Assert.Single(_keys.Keys).VaultId);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(91)]
    public async Task CreateAsync_RetentionOutside7To90_ThrowsBadParameter(int days)
    {
        // Act
        var exception = await Assert.ThrowsAsync<CofferException>(() => _directory.CreateAsync("billing", days, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(400, exception.Status);
        Assert.Empty(await _vaults.ListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CreateAsync_InvalidName_ThrowsBadParameter()
    {
        // Act
        var exception = await Assert.ThrowsAsync<CofferException>(() => _directory.CreateAsync("a--b", 90, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(400, exception.Status);
        Assert.Equal(ErrorCodes.BadParameter, exception.Code);
    }

    [Fact]
    public async Task CreateAsync_NameTakenInOtherCase_ThrowsConflict()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await _directory.CreateAsync("billing", 90, ct);

        // Act
        var exception = await Assert.ThrowsAsync<CofferException>(() => _directory.CreateAsync("BILLING", 90, ct));

        // Assert
        Assert.Equal(409, exception.Status);
        Assert.Equal(ErrorCodes.Conflict, exception.Code);
        Assert.Single(_keys.Keys);
    }

    [Fact]
    public async Task FindAsync_OtherCase_ReturnsVaultFromCache()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var created = await _directory.CreateAsync("billing", 90, ct);

        // Act
        var found = await _directory.FindAsync("BiLLing", ct);

        // Assert
        Assert.Equal(created, found);
        Assert.Equal(0, _vaults.Reads);
    }

    [Theory]
    [InlineData("zz")]
    [InlineData("no--such")]
    [InlineData("missing")]
    public async Task FindAsync_UnknownOrInvalidName_ReturnsNull(string name)
    {
        // Act
        var found = await _directory.FindAsync(name, TestContext.Current.CancellationToken);

        // Assert
        Assert.Null(found);
    }

    [Fact]
    public async Task EnsureAsync_Twice_CreatesOnce()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;

        // Act
        var first = await _directory.EnsureAsync("dev", ct);
        var second = await _directory.EnsureAsync("dev", ct);

        // Assert
        Assert.Equal(first, second);
        Assert.Equal(Vault.DefaultRetentionDays, first.RetentionDays);
        Assert.Single(await _vaults.ListAsync(ct));
    }

    [Theory]
    [InlineData(90, false, "Recoverable+Purgeable")]
    [InlineData(90, true, "Recoverable")]
    [InlineData(7, false, "CustomizedRecoverable+Purgeable")]
    [InlineData(89, true, "CustomizedRecoverable")]
    public void RecoveryLevel_RetentionAndPurgeProtection_MatchesKeyVault(int days, bool purgeProtection, string expected)
    {
        // Arrange
        var vault = new Vault(Guid.NewGuid(), "billing", Now, days, purgeProtection);

        // Act
        var level = vault.RecoveryLevel;

        // Assert
        Assert.Equal(expected, level);
    }

    public void Dispose() => _rootKey.Dispose();
}
