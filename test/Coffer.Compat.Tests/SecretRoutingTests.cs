namespace Coffer.Compat.Tests;

/// <summary>
/// Secret names that are also words of the REST paths (<c>/secrets/restore</c>, <c>/secrets/{name}/versions</c>,
/// <c>/secrets/{name}/backup</c>, <c>/deletedsecrets</c>): the names are valid, so every operation must treat them as names.
/// </summary>
public sealed class SecretRoutingTests(CompatFixture fixture)
{
    [Theory]
    [InlineData("versions")]
    [InlineData("Backup")]
    [InlineData("restore")]
    [InlineData("recover")]
    [InlineData("secrets")]
    [InlineData("deletedsecrets")]
    public async Task SecretOperations_NameIsAPathWord_WorkOnThatSecret(string word)
    {
        // Arrange: the bare word is taken by this test only; its casing is kept.
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();

        // Act
        var first = (await client.SetSecretAsync(word, "first", ct)).Value;
        var second = (await client.SetSecretAsync(word, "second", ct)).Value;
        var latest = (await client.GetSecretAsync(word, cancellationToken: ct)).Value;
        var byVersion = (await client.GetSecretAsync(word, first.Properties.Version, ct)).Value;
        var versions = new List<string>();
        await foreach (var properties in client.GetPropertiesOfSecretVersionsAsync(word, ct))
        {
            versions.Add(properties.Version);
        }

        second.Properties.ContentType = "text/routed";
        var updated = (await client.UpdateSecretPropertiesAsync(second.Properties, ct)).Value;
        var backup = (await client.BackupSecretAsync(word, ct)).Value;
        var deleted = (await (await client.StartDeleteSecretAsync(word, ct)).WaitForCompletionAsync(ct)).Value;
        var fetched = (await client.GetDeletedSecretAsync(word, ct)).Value;
        await (await client.StartRecoverDeletedSecretAsync(word, ct)).WaitForCompletionAsync(ct);
        var recovered = (await client.GetSecretAsync(word, cancellationToken: ct)).Value;

        // Assert
        Assert.Equal(word, first.Name);
        Assert.Equal("second", latest.Value);
        Assert.Equal(second.Properties.Version, latest.Properties.Version);
        Assert.Equal("first", byVersion.Value);
        Assert.Equal(new[] { first.Properties.Version, second.Properties.Version }.Order(StringComparer.Ordinal), versions.Order(StringComparer.Ordinal));
        Assert.Equal("text/routed", updated.ContentType);
        Assert.NotEmpty(backup);
        Assert.Equal(word, deleted.Name);
        Assert.Equal(new Uri(fixture.Server.DevVaultUri, "/deletedsecrets/" + word), fetched.RecoveryId);
        Assert.Equal("second", recovered.Value);
        Assert.Equal("text/routed", recovered.Properties.ContentType);
    }
}
