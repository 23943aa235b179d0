using Azure;
using Azure.Security.KeyVault.Secrets;

namespace Coffer.Compat.Tests;

/// <summary>Key Vault's errors as the SDK surfaces them: <see cref="RequestFailedException"/> with the status and error code.</summary>
public sealed class ErrorTests(CompatFixture fixture)
{
    private const int MaxValueBytes = 25 * 1024;

    [Fact]
    public async Task GetSecret_MissingName_Throws404SecretNotFound()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("err-missing");

        // Act
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync(name, cancellationToken: ct));

        // Assert
        Assert.Equal(404, error.Status);
        Assert.Equal("SecretNotFound", error.ErrorCode);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSecret_UnknownVersionOfExistingName_Throws404SecretNotFound()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("err-version");
        await client.SetSecretAsync(name, "v", ct);

        // Act
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync(name, Guid.NewGuid().ToString("N"), ct));

        // Assert
        Assert.Equal(404, error.Status);
        Assert.Equal("SecretNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task GetSecret_DisabledSecret_Throws403Forbidden()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("err-disabled");
        var secret = new KeyVaultSecret(name, "hidden");
        secret.Properties.Enabled = false;
        var set = (await client.SetSecretAsync(secret, ct)).Value;

        // Act
        var latest = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync(name, cancellationToken: ct));
        var byVersion = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync(name, set.Properties.Version, ct));

        // Assert
        Assert.False(set.Properties.Enabled);
        Assert.Equal(403, latest.Status);
        Assert.Equal("Forbidden", latest.ErrorCode);
        Assert.DoesNotContain("hidden", latest.Message, StringComparison.Ordinal);
        Assert.Equal(403, byVersion.Status);
        Assert.Equal("Forbidden", byVersion.ErrorCode);
    }

    [Theory]
    [InlineData("bad_name")]
    [InlineData("bad.name")]
    [InlineData("bäd")]
    public async Task SetSecret_InvalidName_Throws400BadParameter(string name)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();

        // Act
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.SetSecretAsync(name, "v", ct));

        // Assert
        Assert.Equal(400, error.Status);
        Assert.Equal("BadParameter", error.ErrorCode);
    }

    [Fact]
    public async Task SetSecret_NameOf128Characters_Throws400BadParameter()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var longest = TestNames.Unique("err-long").PadRight(127, 'x');
        var tooLong = longest + "x";

        // Act
        var accepted = (await client.SetSecretAsync(longest, "v", ct)).Value;
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.SetSecretAsync(tooLong, "v", ct));

        // Assert
        Assert.Equal(longest, accepted.Name);
        Assert.Equal(400, error.Status);
        Assert.Equal("BadParameter", error.ErrorCode);
    }

    [Fact]
    public async Task SetSecret_ValueOver25KiB_Throws400BadParameter()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("err-big");
        var largest = new string('a', MaxValueBytes);

        // Act
        var accepted = (await client.SetSecretAsync(name, largest, ct)).Value;
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.SetSecretAsync(name, largest + "a", ct));

        // Assert
        Assert.Equal(400, error.Status);
        Assert.Equal("BadParameter", error.ErrorCode);
        var latest = (await client.GetSecretAsync(name, cancellationToken: ct)).Value;
        Assert.Equal(accepted.Properties.Version, latest.Properties.Version);
        Assert.Equal(largest, latest.Value);
    }

    [Fact]
    public async Task SetSecret_SixteenTags_Throws400BadParameter()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("err-tags");
        var fifteen = new KeyVaultSecret(name, "v");
        var sixteen = new KeyVaultSecret(name, "v");
        for (var i = 0; i < 16; i++)
        {
            if (i < 15)
            {
                fifteen.Properties.Tags[$"t{i}"] = i.ToString();
            }

            sixteen.Properties.Tags[$"t{i}"] = i.ToString();
        }

        // Act
        var accepted = (await client.SetSecretAsync(fifteen, ct)).Value;
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.SetSecretAsync(sixteen, ct));

        // Assert
        Assert.Equal(15, accepted.Properties.Tags.Count);
        Assert.Equal(400, error.Status);
        Assert.Equal("BadParameter", error.ErrorCode);
    }

    [Theory]
    [InlineData(257, 1)]
    [InlineData(1, 257)]
    public async Task SetSecret_TagNameOrValueOver256Characters_Throws400BadParameter(int nameLength, int valueLength)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("err-taglen");
        var longest = new KeyVaultSecret(name, "v");
        longest.Properties.Tags[new string('n', Math.Min(nameLength, 256))] = new string('v', Math.Min(valueLength, 256));
        var tooLong = new KeyVaultSecret(name, "v");
        tooLong.Properties.Tags[new string('n', nameLength)] = new string('v', valueLength);

        // Act
        var accepted = (await client.SetSecretAsync(longest, ct)).Value;
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.SetSecretAsync(tooLong, ct));

        // Assert
        Assert.Equal(longest.Properties.Tags, accepted.Properties.Tags);
        Assert.Equal(400, error.Status);
        Assert.Equal("BadParameter", error.ErrorCode);
    }

    [Fact]
    public async Task SetSecret_ContentTypeOver255Characters_Throws400BadParameter()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var secret = new KeyVaultSecret(TestNames.Unique("err-ctype"), "v");
        secret.Properties.ContentType = new string('c', 256);

        // Act
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.SetSecretAsync(secret, ct));

        // Assert
        Assert.Equal(400, error.Status);
        Assert.Equal("BadParameter", error.ErrorCode);
    }

    [Fact]
    public async Task UpdateSecretProperties_MissingSecret_Throws404SecretNotFound()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var properties = new SecretProperties(new Uri(fixture.Server.DevVaultUri, $"/secrets/{TestNames.Unique("err-upd")}/{Guid.NewGuid():N}"))
        {
            ContentType = "text/plain",
        };

        // Act
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.UpdateSecretPropertiesAsync(properties, ct));

        // Assert
        Assert.Equal(404, error.Status);
        Assert.Equal("SecretNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task PurgeDeletedSecret_NeverDeleted_Throws404SecretNotFound()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("err-purge");

        // Act
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.PurgeDeletedSecretAsync(name, ct));

        // Assert
        Assert.Equal(404, error.Status);
        Assert.Equal("SecretNotFound", error.ErrorCode);
    }
}
