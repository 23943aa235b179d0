using Azure;
using Azure.Security.KeyVault.Secrets;

namespace Coffer.Compat.Tests;

/// <summary>Soft delete through the SDK's long-running operations, the deleted-secret reads, recovery and purge.</summary>
public sealed class SoftDeleteTests(CompatFixture fixture)
{
    [Fact]
    public async Task StartDeleteSecret_ExistingSecret_CompletesWithDeletedSecret()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("del-start");
        var set = (await client.SetSecretAsync(name, "to delete", ct)).Value;
        var before = TestNames.WholeSeconds(DateTimeOffset.UtcNow).AddSeconds(-1);

        // Act
        var operation = await client.StartDeleteSecretAsync(name, ct);
        var deleted = (await operation.WaitForCompletionAsync(ct)).Value;

        // Assert
        Assert.True(operation.HasCompleted);
        Assert.Equal(new Uri(fixture.Server.DevVaultUri, $"/secrets/{name}/{set.Properties.Version}"), new Uri(operation.Id));
        Assert.Equal(name, deleted.Name);
        Assert.Equal(set.Properties.Version, deleted.Properties.Version);
        Assert.Null(deleted.Value);
        Assert.Equal(new Uri(fixture.Server.DevVaultUri, "/deletedsecrets/" + name), deleted.RecoveryId);
        Assert.NotNull(deleted.DeletedOn);
        Assert.InRange(deleted.DeletedOn.Value, before, before.AddMinutes(5));
        Assert.Equal(deleted.DeletedOn.Value.AddDays(90), deleted.ScheduledPurgeDate);
        var missing = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync(name, cancellationToken: ct));
        Assert.Equal(404, missing.Status);
        Assert.Equal("SecretNotFound", missing.ErrorCode);
    }

    [Fact]
    public async Task GetDeletedSecret_AfterDelete_ReturnsLatestPropertiesAndRecoveryId()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("del-get");
        var secret = new KeyVaultSecret(name, "deleted value");
        secret.Properties.ContentType = "text/deleted";
        secret.Properties.Tags["why"] = "testing";
        var set = (await client.SetSecretAsync(secret, ct)).Value;
        await (await client.StartDeleteSecretAsync(name, ct)).WaitForCompletionAsync(ct);

        // Act
        var deleted = (await client.GetDeletedSecretAsync(name.ToUpperInvariant(), ct)).Value;

        // Assert
        Assert.Equal(name, deleted.Name);
        Assert.Equal(set.Properties.Version, deleted.Properties.Version);
        Assert.Equal("text/deleted", deleted.Properties.ContentType);
        Assert.Equal("testing", deleted.Properties.Tags["why"]);
        Assert.Equal(new Uri(fixture.Server.DevVaultUri, "/deletedsecrets/" + name), deleted.RecoveryId);
        Assert.NotNull(deleted.DeletedOn);
        Assert.True(deleted.ScheduledPurgeDate > deleted.DeletedOn);
    }

    [Fact]
    public async Task GetDeletedSecrets_SeveralDeleted_ListsEachOnceAndNotAsLive()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var stem = TestNames.Unique("del-list");
        var names = Enumerable.Range(0, 3).Select(i => $"{stem}-{i}").ToList();
        foreach (var name in names)
        {
            await client.SetSecretAsync(name, "v", ct);
            await (await client.StartDeleteSecretAsync(name, ct)).WaitForCompletionAsync(ct);
        }

        // Act
        var deleted = new List<DeletedSecret>();
        await foreach (var item in client.GetDeletedSecretsAsync(ct))
        {
            if (item.Name.StartsWith(stem, StringComparison.Ordinal))
            {
                deleted.Add(item);
            }
        }

        var live = new List<string>();
        await foreach (var item in client.GetPropertiesOfSecretsAsync(ct))
        {
            if (item.Name.StartsWith(stem, StringComparison.Ordinal))
            {
                live.Add(item.Name);
            }
        }

        // Assert
        Assert.Equal(names, deleted.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.All(deleted, d =>
        {
            Assert.Equal(new Uri(fixture.Server.DevVaultUri, "/deletedsecrets/" + d.Name), d.RecoveryId);
            Assert.NotNull(d.DeletedOn);
            Assert.NotNull(d.ScheduledPurgeDate);
            Assert.Null(d.Value);
        });
        Assert.Empty(live);
    }

    [Fact]
    public async Task StartRecoverDeletedSecret_DeletedSecret_BringsBackAllVersions()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("del-recover");
        var first = (await client.SetSecretAsync(name, "first", ct)).Value;
        var second = (await client.SetSecretAsync(name, "second", ct)).Value;
        await (await client.StartDeleteSecretAsync(name, ct)).WaitForCompletionAsync(ct);

        // Act
        var operation = await client.StartRecoverDeletedSecretAsync(name, ct);
        var recovered = (await operation.WaitForCompletionAsync(ct)).Value;

        // Assert
        Assert.True(operation.HasCompleted);
        Assert.Equal(name, recovered.Name);
        Assert.Equal(second.Properties.Version, recovered.Version);
        Assert.Equal("second", (await client.GetSecretAsync(name, cancellationToken: ct)).Value.Value);
        Assert.Equal("first", (await client.GetSecretAsync(name, first.Properties.Version, ct)).Value.Value);
        var gone = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetDeletedSecretAsync(name, ct));
        Assert.Equal(404, gone.Status);
        Assert.Equal("SecretNotFound", gone.ErrorCode);
    }

    [Fact]
    public async Task StartRecoverDeletedSecret_LatestVersionDisabled_CompletesAndKeepsItDisabled()
    {
        // Arrange: the SDK's recover poller reads the secret back; a disabled secret answers 403, which it accepts.
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("del-recdis");
        var secret = new KeyVaultSecret(name, "disabled");
        secret.Properties.Enabled = false;
        var set = (await client.SetSecretAsync(secret, ct)).Value;
        await (await client.StartDeleteSecretAsync(name, ct)).WaitForCompletionAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));

        // Act
        var operation = await client.StartRecoverDeletedSecretAsync(name, timeout.Token);
        var recovered = (await operation.WaitForCompletionAsync(TimeSpan.FromMilliseconds(50), timeout.Token)).Value;

        // Assert
        Assert.True(operation.HasCompleted);
        Assert.Equal(set.Properties.Version, recovered.Version);
        Assert.False(recovered.Enabled);
        var disabled = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync(name, cancellationToken: ct));
        Assert.Equal(403, disabled.Status);
    }

    [Fact]
    public async Task PurgeDeletedSecret_DeletedSecret_RemovesItAndFreesTheName()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("del-purge");
        var old = (await client.SetSecretAsync(name, "old life", ct)).Value;
        await (await client.StartDeleteSecretAsync(name, ct)).WaitForCompletionAsync(ct);

        // Act
        var purge = await client.PurgeDeletedSecretAsync(name, ct);
        var reused = (await client.SetSecretAsync(name, "new life", ct)).Value;

        // Assert
        Assert.Equal(204, purge.Status);
        var versions = new List<string>();
        await foreach (var properties in client.GetPropertiesOfSecretVersionsAsync(name, ct))
        {
            versions.Add(properties.Version);
        }

        Assert.Equal(new[] { reused.Properties.Version }, versions);
        Assert.NotEqual(old.Properties.Version, reused.Properties.Version);
        Assert.Equal("new life", (await client.GetSecretAsync(name, cancellationToken: ct)).Value.Value);
        var oldVersion = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync(name, old.Properties.Version, ct));
        Assert.Equal(404, oldVersion.Status);
    }

    [Fact]
    public async Task PurgeDeletedSecret_Purged_GetDeletedSecretThrows404()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("del-purged");
        await client.SetSecretAsync(name, "v", ct);
        await (await client.StartDeleteSecretAsync(name, ct)).WaitForCompletionAsync(ct);

        // Act
        await client.PurgeDeletedSecretAsync(name, ct);
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetDeletedSecretAsync(name, ct));

        // Assert
        Assert.Equal(404, error.Status);
        Assert.Equal("SecretNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task SetSecret_DeletedButRecoverableName_Throws409Conflict()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("del-conflict");
        await client.SetSecretAsync(name, "v", ct);
        await (await client.StartDeleteSecretAsync(name, ct)).WaitForCompletionAsync(ct);

        // Act
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.SetSecretAsync(name.ToUpperInvariant(), "again", ct));

        // Assert
        Assert.Equal(409, error.Status);
        Assert.Equal("Conflict", error.ErrorCode);
        Assert.Contains("deleted but recoverable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateSecretProperties_DeletedSecret_Throws404SecretNotFound()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("del-update");
        var set = (await client.SetSecretAsync(name, "v", ct)).Value;
        await (await client.StartDeleteSecretAsync(name, ct)).WaitForCompletionAsync(ct);
        set.Properties.ContentType = "text/changed";

        // Act
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.UpdateSecretPropertiesAsync(set.Properties, ct));

        // Assert
        Assert.Equal(404, error.Status);
        Assert.Equal("SecretNotFound", error.ErrorCode);
        Assert.Null((await client.GetDeletedSecretAsync(name, ct)).Value.Properties.ContentType);
    }

    [Fact]
    public async Task StartDeleteSecret_MissingSecret_Throws404SecretNotFound()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("del-missing");

        // Act
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.StartDeleteSecretAsync(name, ct));

        // Assert
        Assert.Equal(404, error.Status);
        Assert.Equal("SecretNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task StartRecoverDeletedSecret_LiveSecret_Throws404()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("del-live");
        await client.SetSecretAsync(name, "alive", ct);

        // Act
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.StartRecoverDeletedSecretAsync(name, ct));

        // Assert
        Assert.Equal(404, error.Status);
        Assert.Equal("SecretNotFound", error.ErrorCode);
        Assert.Equal("alive", (await client.GetSecretAsync(name, cancellationToken: ct)).Value.Value);
    }
}
