using Azure;
using Azure.Security.KeyVault.Secrets;

namespace Coffer.Compat.Tests;

/// <summary>Set, get (latest and by version), update and casing, as an application does them with <see cref="SecretClient"/>.</summary>
public sealed class SecretLifecycleTests(CompatFixture fixture)
{
    [Fact]
    public async Task SetSecret_WithAllProperties_GetReturnsThem()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("life-all");
        var now = TestNames.WholeSeconds(DateTimeOffset.UtcNow);
        var secret = new KeyVaultSecret(name, "p@ss w0rd ✓ \"quoted\"");
        secret.Properties.ContentType = "text/plain; charset=utf-8";
        secret.Properties.Enabled = true;
        secret.Properties.NotBefore = now.AddHours(-1);
        secret.Properties.ExpiresOn = now.AddDays(30);
        secret.Properties.Tags["env"] = "test";
        secret.Properties.Tags["owner"] = "compat suite";

        // Act
        var set = (await client.SetSecretAsync(secret, ct)).Value;
        var got = (await client.GetSecretAsync(name, cancellationToken: ct)).Value;

        // Assert
        Assert.Equal("p@ss w0rd ✓ \"quoted\"", set.Value);
        Assert.Equal("p@ss w0rd ✓ \"quoted\"", got.Value);
        Assert.Equal(name, got.Name);
        Assert.Matches("^[0-9a-f]{32}$", got.Properties.Version);
        Assert.Equal(set.Properties.Version, got.Properties.Version);
        Assert.Equal(new Uri(fixture.Server.DevVaultUri, $"/secrets/{name}/{set.Properties.Version}"), got.Id);
        Assert.Equal(fixture.Server.DevVaultUri, got.Properties.VaultUri);
        Assert.Equal("text/plain; charset=utf-8", got.Properties.ContentType);
        Assert.True(got.Properties.Enabled);
        Assert.Equal(now.AddHours(-1), got.Properties.NotBefore);
        Assert.Equal(now.AddDays(30), got.Properties.ExpiresOn);
        Assert.Equal(new Dictionary<string, string> { ["env"] = "test", ["owner"] = "compat suite" }, got.Properties.Tags);
        Assert.NotNull(got.Properties.CreatedOn);
        Assert.InRange(got.Properties.CreatedOn.Value, now.AddMinutes(-5), now.AddMinutes(5));
        Assert.Equal(got.Properties.CreatedOn, got.Properties.UpdatedOn);
        Assert.Equal(90, got.Properties.RecoverableDays);
        Assert.Equal("Recoverable+Purgeable", got.Properties.RecoveryLevel);
        Assert.False(got.Properties.Managed);
    }

    [Fact]
    public async Task SetSecret_ValueOnly_DefaultsToEnabledWithoutMetadata()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("life-plain");

        // Act
        await client.SetSecretAsync(name, "plain", ct);
        var got = (await client.GetSecretAsync(name, cancellationToken: ct)).Value;

        // Assert
        Assert.Equal("plain", got.Value);
        Assert.True(got.Properties.Enabled);
        Assert.Null(got.Properties.ContentType);
        Assert.Null(got.Properties.NotBefore);
        Assert.Null(got.Properties.ExpiresOn);
        Assert.Empty(got.Properties.Tags);
    }

    [Fact]
    public async Task GetSecret_ByVersion_ReturnsThatVersionAndLatestIsNewest()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("life-ver");
        var first = (await client.SetSecretAsync(name, "one", ct)).Value;
        var second = (await client.SetSecretAsync(name, "two", ct)).Value;

        // Act
        var byFirst = (await client.GetSecretAsync(name, first.Properties.Version, ct)).Value;
        var bySecond = (await client.GetSecretAsync(name, second.Properties.Version, ct)).Value;
        var latest = (await client.GetSecretAsync(name, cancellationToken: ct)).Value;

        // Assert
        Assert.NotEqual(first.Properties.Version, second.Properties.Version);
        Assert.Equal("one", byFirst.Value);
        Assert.Equal(first.Properties.Version, byFirst.Properties.Version);
        Assert.Equal("two", bySecond.Value);
        Assert.Equal(second.Properties.Version, latest.Properties.Version);
        Assert.Equal("two", latest.Value);
    }

    [Fact]
    public async Task SetSecret_ExistingName_NewVersionBecomesLatestAndOldStaysListed()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("life-new");
        var old = (await client.SetSecretAsync(name, "old", ct)).Value;

        // Act
        var @new = (await client.SetSecretAsync(name, "new", ct)).Value;
        var latest = (await client.GetSecretAsync(name, cancellationToken: ct)).Value;
        var versions = new List<string?>();
        await foreach (var properties in client.GetPropertiesOfSecretVersionsAsync(name, ct))
        {
            versions.Add(properties.Version);
        }

        // Assert
        Assert.Equal("new", latest.Value);
        Assert.Equal(@new.Properties.Version, latest.Properties.Version);
        Assert.Equal(new[] { old.Properties.Version, @new.Properties.Version }.Order(), versions.Order());
    }

    [Fact]
    public async Task UpdateSecretProperties_LatestVersion_ChangesMetadataButNotValue()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("life-upd");
        var original = new KeyVaultSecret(name, "unchanged");
        original.Properties.ContentType = "text/plain";
        original.Properties.Tags["stage"] = "draft";
        var set = (await client.SetSecretAsync(original, ct)).Value;
        var expires = TestNames.WholeSeconds(DateTimeOffset.UtcNow.AddDays(7));
        var properties = set.Properties;
        properties.ContentType = "application/json";
        properties.Tags["stage"] = "final";
        properties.Tags["reviewed"] = "yes";
        properties.ExpiresOn = expires;

        // Act
        var updated = (await client.UpdateSecretPropertiesAsync(properties, ct)).Value;
        var got = (await client.GetSecretAsync(name, cancellationToken: ct)).Value;

        // Assert
        Assert.Equal(set.Properties.Version, updated.Version);
        Assert.Equal("application/json", updated.ContentType);
        Assert.Equal("unchanged", got.Value);
        Assert.Equal(set.Properties.Version, got.Properties.Version);
        Assert.Equal("application/json", got.Properties.ContentType);
        Assert.Equal(expires, got.Properties.ExpiresOn);
        Assert.Equal(new Dictionary<string, string> { ["stage"] = "final", ["reviewed"] = "yes" }, got.Properties.Tags);
        Assert.True(got.Properties.UpdatedOn >= got.Properties.CreatedOn);
    }

    [Fact]
    public async Task UpdateSecretProperties_OneFieldAtATime_KeepsEarlierChanges()
    {
        // Arrange: a SecretProperties built from an id carries only what is set on it.
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("life-patch");
        var now = TestNames.WholeSeconds(DateTimeOffset.UtcNow);
        var id = (await client.SetSecretAsync(name, "v", ct)).Value.Id;
        var tagsOnly = new SecretProperties(id);
        tagsOnly.Tags["patched"] = "yes";

        // Act
        await client.UpdateSecretPropertiesAsync(new SecretProperties(id) { ContentType = "text/patched" }, ct);
        await client.UpdateSecretPropertiesAsync(new SecretProperties(id) { ExpiresOn = now.AddDays(3) }, ct);
        await client.UpdateSecretPropertiesAsync(new SecretProperties(id) { NotBefore = now.AddDays(-3) }, ct);
        await client.UpdateSecretPropertiesAsync(tagsOnly, ct);
        var got = (await client.GetSecretAsync(name, cancellationToken: ct)).Value;

        // Assert
        Assert.Equal("v", got.Value);
        Assert.Equal("text/patched", got.Properties.ContentType);
        Assert.Equal(now.AddDays(3), got.Properties.ExpiresOn);
        Assert.Equal(now.AddDays(-3), got.Properties.NotBefore);
        Assert.Equal(new Dictionary<string, string> { ["patched"] = "yes" }, got.Properties.Tags);
        Assert.True(got.Properties.Enabled);
    }

    [Fact]
    public async Task UpdateSecretProperties_OlderVersion_LeavesLatestUntouched()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("life-old");
        var first = (await client.SetSecretAsync(name, "first", ct)).Value;
        var second = (await client.SetSecretAsync(name, "second", ct)).Value;
        first.Properties.Tags["marker"] = "first-only";

        // Act
        await client.UpdateSecretPropertiesAsync(first.Properties, ct);
        var gotFirst = (await client.GetSecretAsync(name, first.Properties.Version, ct)).Value;
        var latest = (await client.GetSecretAsync(name, cancellationToken: ct)).Value;

        // Assert
        Assert.Equal("first-only", gotFirst.Properties.Tags["marker"]);
        Assert.Equal("first", gotFirst.Value);
        Assert.Equal(second.Properties.Version, latest.Properties.Version);
        Assert.Empty(latest.Properties.Tags);
    }

    [Fact]
    public async Task UpdateSecretProperties_ReEnableDisabledSecret_ValueReadableAgain()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("life-enable");
        var secret = new KeyVaultSecret(name, "was disabled");
        secret.Properties.Enabled = false;
        var set = (await client.SetSecretAsync(secret, ct)).Value;
        var whileDisabled = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync(name, cancellationToken: ct));
        set.Properties.Enabled = true;

        // Act
        var updated = (await client.UpdateSecretPropertiesAsync(set.Properties, ct)).Value;
        var got = (await client.GetSecretAsync(name, cancellationToken: ct)).Value;

        // Assert
        Assert.Equal(403, whileDisabled.Status);
        Assert.Equal("was disabled", set.Value);
        Assert.True(updated.Enabled);
        Assert.Equal("was disabled", got.Value);
    }

    [Fact]
    public async Task GetSecret_PastExpiryAndFutureNotBefore_StillReturnsValue()
    {
        // Arrange: for secrets, nbf and exp are informational (Key Vault still returns the value).
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("life-window");
        var now = TestNames.WholeSeconds(DateTimeOffset.UtcNow);
        var secret = new KeyVaultSecret(name, "outside its window");
        secret.Properties.NotBefore = now.AddDays(1);
        secret.Properties.ExpiresOn = now.AddDays(-1);
        await client.SetSecretAsync(secret, ct);

        // Act
        var got = (await client.GetSecretAsync(name, cancellationToken: ct)).Value;

        // Assert
        Assert.Equal("outside its window", got.Value);
        Assert.Equal(now.AddDays(1), got.Properties.NotBefore);
        Assert.Equal(now.AddDays(-1), got.Properties.ExpiresOn);
    }

    [Fact]
    public async Task GetSecret_OtherCasing_FindsSecretAndKeepsOriginalCasing()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = "Mixed-Case-" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        var first = (await client.SetSecretAsync(name, "cased", ct)).Value;

        // Act
        var lower = (await client.GetSecretAsync(name.ToLowerInvariant(), cancellationToken: ct)).Value;
        var upper = (await client.GetSecretAsync(name.ToUpperInvariant(), first.Properties.Version, ct)).Value;
        var second = (await client.SetSecretAsync(name.ToLowerInvariant(), "recased", ct)).Value;
        var versions = new List<SecretProperties>();
        await foreach (var properties in client.GetPropertiesOfSecretVersionsAsync(name.ToUpperInvariant(), ct))
        {
            versions.Add(properties);
        }

        // Assert
        Assert.Equal("cased", lower.Value);
        Assert.Equal(name, lower.Name);
        Assert.Equal("cased", upper.Value);
        Assert.Equal(name, upper.Name);
        Assert.Equal(name, second.Name);
        Assert.Equal(2, versions.Count);
        Assert.All(versions, v => Assert.Equal(name, v.Name));
        Assert.Equal(second.Properties.Version, (await client.GetSecretAsync(name.ToUpperInvariant(), cancellationToken: ct)).Value.Properties.Version);
    }

    [Fact]
    public async Task GetSecret_VersionInUpperCase_ReturnsThatVersion()
    {
        // Arrange: Key Vault identifiers compare case-insensitively, versions included.
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("life-vercase");
        var first = (await client.SetSecretAsync(name, "first", ct)).Value;
        await client.SetSecretAsync(name, "second", ct);

        // Act
        var got = (await client.GetSecretAsync(name, first.Properties.Version.ToUpperInvariant(), ct)).Value;

        // Assert
        Assert.Equal("first", got.Value);
        Assert.Equal(first.Properties.Version, got.Properties.Version);
    }
}
