using Coffer.Core.Errors;
using Coffer.Core.KeyRing;
using Coffer.Core.Secrets;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Core.Tests.Secrets;

public sealed class SecretServiceBackupTests
{
    [Fact]
    public async Task RestoreAsync_IntoOtherVaultOfSameDeployment_RestoresEveryVersion()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var bench = new SecretBench();
        var billing = await bench.CreateVaultAsync("billing", ct);
        var payroll = await bench.CreateVaultAsync("payroll", ct);
        var tags = new Dictionary<string, string> { ["env"] = "prod" };
        var first = await bench.Service.SetAsync(billing, "Db-Password", "one", new SecretAttributes(ContentType: "text/plain", Tags: tags), ct);
        bench.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await bench.Service.SetAsync(billing, "db-password", "two", new SecretAttributes(Enabled: false), ct);
        var blob = await bench.Service.BackupAsync(billing, "db-password", ct);

        // Act
        var restored = await bench.Service.RestoreAsync(payroll, blob, ct);

        // Assert
        Assert.Equal(payroll.Id, restored.VaultId);
        Assert.Equal("Db-Password", restored.Name);
        Assert.Equal(second.Version, restored.Version);
        Assert.False(restored.Enabled);
        var old = await bench.Service.GetAsync(payroll, "db-password", first.Version, ct);
        Assert.Equal("one", old.Value);
        Assert.Equal("text/plain", old.Secret.ContentType);
        Assert.Equal("prod", old.Secret.Tags!["env"]); // restored from the backup's tags
        Assert.Equal(first.Created, old.Secret.Created);
        Assert.Equal(2, bench.Store.Versions.Count(v => v.VaultId == payroll.Id));
    }

    [Fact]
    public async Task RestoreAsync_IntoFreshServiceOfSameDeployment_Restores()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var bench = new SecretBench();
        var billing = await bench.CreateVaultAsync("billing", ct);
        await bench.Service.SetAsync(billing, "name", "value", new SecretAttributes(), ct);
        var blob = await bench.Service.BackupAsync(billing, "name", ct);
        var target = await bench.CreateVaultAsync("target", ct);
        var restarted = new SecretService(bench.Store, new VaultKeyRing(bench.RootKey, bench.DataKeys, bench.Time),
            new BackupProtector(bench.RootKey), bench.Time, NullLogger<SecretService>.Instance);

        // Act
        await restarted.RestoreAsync(target, blob, ct);

        // Assert
        Assert.Equal("value", (await restarted.GetAsync(target, "name", null, ct)).Value);
    }

    [Fact]
    public async Task BackupAsync_Always_DoesNotContainValue()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var bench = new SecretBench();
        var vault = await bench.CreateVaultAsync("billing", ct);
        await bench.Service.SetAsync(vault, "name", "a very recognisable secret value", new SecretAttributes(), ct);

        // Act
        var blob = await bench.Service.BackupAsync(vault, "name", ct);

        // Assert
        Assert.Equal(-1, blob.AsSpan().IndexOf("a very recognisable secret value"u8));
        Assert.Equal(-1, blob.AsSpan().IndexOf("name"u8));
    }

    [Fact]
    public async Task RestoreAsync_IntoOtherDeployment_ThrowsBadParameter()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var source = new SecretBench();
        using var other = new SecretBench();
        var vault = await source.CreateVaultAsync("billing", ct);
        await source.Service.SetAsync(vault, "name", "value", new SecretAttributes(), ct);
        var blob = await source.Service.BackupAsync(vault, "name", ct);
        var target = await other.CreateVaultAsync("billing", ct);

        // Act
        var exception = await Assert.ThrowsAsync<CofferException>(() => other.Service.RestoreAsync(target, blob, ct));

        // Assert
        Assert.Equal(400, exception.Status);
        Assert.Equal(ErrorCodes.BadParameter, exception.Code);
        Assert.Empty(other.Store.Versions);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(25)]
    [InlineData(60)]
    [InlineData(-1)]
    public async Task RestoreAsync_TamperedBlob_ThrowsBadParameter(int index)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var bench = new SecretBench();
        var billing = await bench.CreateVaultAsync("billing", ct);
        var payroll = await bench.CreateVaultAsync("payroll", ct);
        await bench.Service.SetAsync(billing, "name", "value", new SecretAttributes(), ct);
        var blob = await bench.Service.BackupAsync(billing, "name", ct);
        blob[index < 0 ? blob.Length - 1 : index] ^= 0x01;

        // Act
        var exception = await Assert.ThrowsAsync<CofferException>(() => bench.Service.RestoreAsync(payroll, blob, ct));

        // Assert
        Assert.Equal(400, exception.Status);
        Assert.Equal(ErrorCodes.BadParameter, exception.Code);
        Assert.DoesNotContain(bench.Store.Versions, v => v.VaultId == payroll.Id);
    }

    [Fact]
    public async Task RestoreAsync_TruncatedBlob_ThrowsBadParameter()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var bench = new SecretBench();
        var billing = await bench.CreateVaultAsync("billing", ct);
        await bench.Service.SetAsync(billing, "name", "value", new SecretAttributes(), ct);
        var blob = await bench.Service.BackupAsync(billing, "name", ct);

        // Act
        var exception = await Assert.ThrowsAsync<CofferException>(() => bench.Service.RestoreAsync(billing, blob[..(blob.Length / 2)], ct));

        // Assert
        Assert.Equal(400, exception.Status);
    }

    [Fact]
    public async Task RestoreAsync_NameTakenInTargetVault_ThrowsConflict()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var bench = new SecretBench();
        var vault = await bench.CreateVaultAsync("billing", ct);
        await bench.Service.SetAsync(vault, "name", "value", new SecretAttributes(), ct);
        var blob = await bench.Service.BackupAsync(vault, "name", ct);

        // Act
        var exception = await Assert.ThrowsAsync<CofferException>(() => bench.Service.RestoreAsync(vault, blob, ct));

        // Assert
        Assert.Equal(409, exception.Status);
        Assert.Equal(ErrorCodes.Conflict, exception.Code);
    }

    [Fact]
    public async Task BackupAsync_Missing_ThrowsSecretNotFound()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var bench = new SecretBench();
        var vault = await bench.CreateVaultAsync("billing", ct);

        // Act
        var exception = await Assert.ThrowsAsync<CofferException>(() => bench.Service.BackupAsync(vault, "missing", ct));

        // Assert
        Assert.Equal(404, exception.Status);
        Assert.Equal(ErrorCodes.SecretNotFound, exception.Code);
    }
}
