using Azure;
using Azure.Security.KeyVault.Secrets;

namespace Coffer.Compat.Tests;

/// <summary>Backup blobs and restore: every version comes back with its id, value and metadata; a taken name is a 409.</summary>
public sealed class BackupRestoreTests(CompatFixture fixture)
{
    [Fact]
    public async Task RestoreSecretBackup_AfterDeleteAndPurge_RestoresAllVersionsWithIdsAndValues()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("bak-full");
        var originals = new List<KeyVaultSecret>();
        for (var i = 0; i < 3; i++)
        {
            var secret = new KeyVaultSecret(name, $"value {i} ✓");
            secret.Properties.ContentType = $"text/v{i}";
            secret.Properties.Tags["generation"] = i.ToString();
            secret.Properties.Enabled = i != 1; // a disabled version in the middle travels too
            originals.Add((await client.SetSecretAsync(secret, ct)).Value);
        }

        var backup = (await client.BackupSecretAsync(name, ct)).Value;
        await (await client.StartDeleteSecretAsync(name, ct)).WaitForCompletionAsync(ct);
        await client.PurgeDeletedSecretAsync(name, ct);

        // Act
        var restored = (await client.RestoreSecretBackupAsync(backup, ct)).Value;

        // Assert
        Assert.NotEmpty(backup);
        Assert.Equal(name, restored.Name);
        Assert.Equal(originals[^1].Properties.Version, restored.Version);
        var listed = new List<SecretProperties>();
        await foreach (var properties in client.GetPropertiesOfSecretVersionsAsync(name, ct))
        {
            listed.Add(properties);
        }

        Assert.Equal(
            originals.Select(o => o.Properties.Version).Order(StringComparer.Ordinal),
            listed.Select(p => p.Version).Order(StringComparer.Ordinal));
        foreach (var original in originals)
        {
            var properties = Assert.Single(listed, p => p.Version == original.Properties.Version);
            Assert.Equal(original.Id, properties.Id);
            Assert.Equal(original.Properties.ContentType, properties.ContentType);
            Assert.Equal(original.Properties.Tags, properties.Tags);
            Assert.Equal(original.Properties.Enabled, properties.Enabled);
            Assert.Equal(original.Properties.CreatedOn, properties.CreatedOn);
        }

        Assert.Equal("value 0 ✓", (await client.GetSecretAsync(name, originals[0].Properties.Version, ct)).Value.Value);
        Assert.Equal("value 2 ✓", (await client.GetSecretAsync(name, cancellationToken: ct)).Value.Value);
        var disabled = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync(name, originals[1].Properties.Version, ct));
        Assert.Equal(403, disabled.Status);
    }

    [Fact]
    public async Task RestoreSecretBackup_DisabledVersionReEnabled_ValueSurvivedTheBackup()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("bak-disabled");
        var secret = new KeyVaultSecret(name, "kept while disabled");
        secret.Properties.Enabled = false;
        var set = (await client.SetSecretAsync(secret, ct)).Value;
        var backup = (await client.BackupSecretAsync(name, ct)).Value;
        await (await client.StartDeleteSecretAsync(name, ct)).WaitForCompletionAsync(ct);
        await client.PurgeDeletedSecretAsync(name, ct);
        await client.RestoreSecretBackupAsync(backup, ct);
        set.Properties.Enabled = true;

        // Act
        await client.UpdateSecretPropertiesAsync(set.Properties, ct);
        var got = (await client.GetSecretAsync(name, cancellationToken: ct)).Value;

        // Assert
        Assert.Equal("kept while disabled", got.Value);
        Assert.Equal(set.Properties.Version, got.Properties.Version);
    }

    [Fact]
    public async Task RestoreSecretBackup_MixedCaseName_KeepsOriginalCasing()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = "Bak-Case-" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        var set = (await client.SetSecretAsync(name, "cased", ct)).Value;
        var backup = (await client.BackupSecretAsync(name.ToLowerInvariant(), ct)).Value;
        await (await client.StartDeleteSecretAsync(name, ct)).WaitForCompletionAsync(ct);
        await client.PurgeDeletedSecretAsync(name.ToLowerInvariant(), ct);

        // Act
        var restored = (await client.RestoreSecretBackupAsync(backup, ct)).Value;

        // Assert
        Assert.Equal(name, restored.Name);
        Assert.Equal(set.Id, restored.Id);
        var got = (await client.GetSecretAsync(name.ToLowerInvariant(), cancellationToken: ct)).Value;
        Assert.Equal(name, got.Name);
        Assert.Equal("cased", got.Value);
    }

    [Fact]
    public async Task RestoreSecretBackup_NameStillLive_Throws409Conflict()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("bak-live");
        var set = (await client.SetSecretAsync(name, "live", ct)).Value;
        var backup = (await client.BackupSecretAsync(name, ct)).Value;

        // Act
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.RestoreSecretBackupAsync(backup, ct));

        // Assert
        Assert.Equal(409, error.Status);
        Assert.Equal("Conflict", error.ErrorCode);
        var latest = (await client.GetSecretAsync(name, cancellationToken: ct)).Value;
        Assert.Equal(set.Properties.Version, latest.Properties.Version);
        Assert.Equal("live", latest.Value);
    }

    [Fact]
    public async Task RestoreSecretBackup_NameDeletedButNotPurged_Throws409Conflict()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("bak-deleted");
        await client.SetSecretAsync(name, "deleted", ct);
        var backup = (await client.BackupSecretAsync(name, ct)).Value;
        await (await client.StartDeleteSecretAsync(name, ct)).WaitForCompletionAsync(ct);

        // Act
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.RestoreSecretBackupAsync(backup, ct));

        // Assert
        Assert.Equal(409, error.Status);
        Assert.Equal("Conflict", error.ErrorCode);
        Assert.Equal(name, (await client.GetDeletedSecretAsync(name, ct)).Value.Name);
    }

    [Fact]
    public async Task BackupSecret_MissingSecret_Throws404SecretNotFound()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("bak-missing");

        // Act
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.BackupSecretAsync(name, ct));

        // Assert
        Assert.Equal(404, error.Status);
        Assert.Equal("SecretNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task RestoreSecretBackup_TamperedBlob_Throws400BadParameter()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("bak-tamper");
        await client.SetSecretAsync(name, "v", ct);
        var backup = (await client.BackupSecretAsync(name, ct)).Value;
        backup[^1] ^= 0x01;
        await (await client.StartDeleteSecretAsync(name, ct)).WaitForCompletionAsync(ct);
        await client.PurgeDeletedSecretAsync(name, ct);

        // Act
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.RestoreSecretBackupAsync(backup, ct));

        // Assert
        Assert.Equal(400, error.Status);
        Assert.Equal("BadParameter", error.ErrorCode);
        var missing = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync(name, cancellationToken: ct));
        Assert.Equal(404, missing.Status);
    }
}
