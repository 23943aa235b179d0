using Azure;

namespace Coffer.Compat.Tests;

/// <summary>
/// The server caches the secret versions it serves; through the SDK, every write is seen by the very next GET of a
/// secret that was just read (and so cached): a new value, changed attributes, a delete, a recovery, a restore.
/// </summary>
public sealed class SecretCacheTests(CompatFixture fixture)
{
    [Fact]
    public async Task GetSecret_AfterEachWriteOfACachedSecret_SeesTheWrite()
    {
        // Arrange: the secret, and one of its versions, have just been served.
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("cache-writes");
        var first = (await client.SetSecretAsync(name, "first", ct)).Value;
        Assert.Equal("first", (await client.GetSecretAsync(name, cancellationToken: ct)).Value.Value);
        Assert.Equal("first", (await client.GetSecretAsync(name, first.Properties.Version, ct)).Value.Value);

        // Act and Assert: a new version.
        await client.SetSecretAsync(name, "second", ct);
        var second = (await client.GetSecretAsync(name, cancellationToken: ct)).Value;
        Assert.Equal("second", second.Value);

        // Attributes of the latest, then of an older version read by version.
        second.Properties.ContentType = "text/updated";
        await client.UpdateSecretPropertiesAsync(second.Properties, ct);
        Assert.Equal("text/updated", (await client.GetSecretAsync(name, cancellationToken: ct)).Value.Properties.ContentType);
        first.Properties.Enabled = false;
        await client.UpdateSecretPropertiesAsync(first.Properties, ct);
        var disabled = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync(name, first.Properties.Version, ct));
        Assert.Equal(403, disabled.Status);

        // A delete, then a recovery.
        await (await client.StartDeleteSecretAsync(name, ct)).WaitForCompletionAsync(ct);
        var deleted = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync(name, cancellationToken: ct));
        Assert.Equal(404, deleted.Status);
        await (await client.StartRecoverDeletedSecretAsync(name, ct)).WaitForCompletionAsync(ct);
        Assert.Equal("second", (await client.GetSecretAsync(name, cancellationToken: ct)).Value.Value);
    }

    [Fact]
    public async Task GetSecret_AfterPurgeAndRestoreOfACachedSecret_SeesTheRestoredVersion()
    {
        // Arrange: a backup of one version, then a newer version that is served (cached).
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("cache-restore");
        await client.SetSecretAsync(name, "backed up", ct);
        var backup = (await client.BackupSecretAsync(name, ct)).Value;
        await client.SetSecretAsync(name, "later", ct);
        Assert.Equal("later", (await client.GetSecretAsync(name, cancellationToken: ct)).Value.Value);

        // Act
        await (await client.StartDeleteSecretAsync(name, ct)).WaitForCompletionAsync(ct);
        await client.PurgeDeletedSecretAsync(name, ct);
        var gone = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync(name, cancellationToken: ct));
        await client.RestoreSecretBackupAsync(backup, ct);
        var restored = (await client.GetSecretAsync(name, cancellationToken: ct)).Value;

        // Assert
        Assert.Equal(404, gone.Status);
        Assert.Equal("backed up", restored.Value);
    }
}
