using Azure.Security.KeyVault.Secrets;

namespace Coffer.Compat.Tests;

/// <summary>
/// Lists longer than one page (Key Vault pages hold at most 25 items), followed through the SDK's nextLink handling.
/// The vault is shared, so each test filters by its own unique stem and checks that every one of its names appears once.
/// </summary>
public sealed class SecretPagingTests(CompatFixture fixture)
{
    private const int PageLimit = 25;
    private const int Count = 30;

    [Fact]
    public async Task GetPropertiesOfSecrets_MoreThanOnePage_ListsEachSecretExactlyOnce()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var stem = TestNames.Unique("page-list");
        var names = Enumerable.Range(0, Count).Select(i => $"{stem}-{i:D2}").ToList();
        foreach (var name in names)
        {
            var secret = new KeyVaultSecret(name, "value of " + name);
            secret.Properties.Tags["index"] = name[^2..];
            await client.SetSecretAsync(secret, ct);
        }

        // Act
        var mine = new List<SecretProperties>();
        var pages = 0;
        await foreach (var page in client.GetPropertiesOfSecretsAsync(ct).AsPages())
        {
            pages++;
            Assert.InRange(page.Values.Count, 0, PageLimit);
            mine.AddRange(page.Values.Where(p => p.Name.StartsWith(stem, StringComparison.Ordinal)));
        }

        // Assert
        Assert.True(pages >= 2, $"{Count} secrets need at least two pages of {PageLimit}; got {pages}.");
        Assert.Equal(names, mine.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(mine, p =>
        {
            Assert.Null(p.Version); // list items carry the base id
            Assert.Equal(new Uri(fixture.Server.DevVaultUri, "/secrets/" + p.Name), p.Id);
            Assert.Equal(p.Name[^2..], p.Tags["index"]);
            Assert.True(p.Enabled);
        });
    }

    [Fact]
    public async Task GetPropertiesOfSecretVersions_MoreThanOnePage_ListsEveryVersionExactlyOnce()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("page-versions");
        var tagByVersion = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Count; i++)
        {
            var secret = new KeyVaultSecret(name, $"value {i}");
            secret.Properties.Tags["n"] = i.ToString("D2");
            var set = (await client.SetSecretAsync(secret, ct)).Value;
            tagByVersion.Add(set.Properties.Version, i.ToString("D2"));
        }

        // Act
        var listed = new List<SecretProperties>();
        var pages = 0;
        await foreach (var page in client.GetPropertiesOfSecretVersionsAsync(name, ct).AsPages())
        {
            pages++;
            Assert.InRange(page.Values.Count, 0, PageLimit);
            listed.AddRange(page.Values);
        }

        // Assert
        Assert.True(pages >= 2, $"{Count} versions need at least two pages of {PageLimit}; got {pages}.");
        Assert.Equal(Count, listed.Count);
        Assert.Equal(tagByVersion.Keys.Order(StringComparer.Ordinal), listed.Select(p => p.Version).Order(StringComparer.Ordinal));
        Assert.All(listed, p =>
        {
            Assert.Equal(name, p.Name);
            Assert.Equal(tagByVersion[p.Version], p.Tags["n"]);
            Assert.Equal(new Uri(fixture.Server.DevVaultUri, $"/secrets/{name}/{p.Version}"), p.Id);
        });
    }

    [Fact]
    public async Task GetDeletedSecrets_MoreThanOnePage_ListsEachDeletedSecretExactlyOnce()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var stem = TestNames.Unique("page-deleted");
        var names = Enumerable.Range(0, Count).Select(i => $"{stem}-{i:D2}").ToList();
        foreach (var name in names)
        {
            await client.SetSecretAsync(name, "v", ct);
            await (await client.StartDeleteSecretAsync(name, ct)).WaitForCompletionAsync(ct);
        }

        // Act
        var mine = new List<DeletedSecret>();
        var pages = 0;
        await foreach (var page in client.GetDeletedSecretsAsync(ct).AsPages())
        {
            pages++;
            Assert.InRange(page.Values.Count, 0, PageLimit);
            mine.AddRange(page.Values.Where(d => d.Name.StartsWith(stem, StringComparison.Ordinal)));
        }

        // Assert
        Assert.True(pages >= 2, $"{Count} deleted secrets need at least two pages of {PageLimit}; got {pages}.");
        Assert.Equal(names, mine.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.All(mine, d => Assert.Equal(new Uri(fixture.Server.DevVaultUri, "/deletedsecrets/" + d.Name), d.RecoveryId));
    }

    [Fact]
    public async Task GetPropertiesOfSecrets_SecretWithSeveralVersions_ShowsOnceWithLatestMetadata()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var name = TestNames.Unique("page-latest");
        var older = new KeyVaultSecret(name, "older");
        older.Properties.ContentType = "text/old";
        await client.SetSecretAsync(older, ct);
        var newer = new KeyVaultSecret(name, "newer");
        newer.Properties.ContentType = "text/new";
        newer.Properties.Tags["generation"] = "2";
        await client.SetSecretAsync(newer, ct);

        // Act
        var listed = new List<SecretProperties>();
        await foreach (var properties in client.GetPropertiesOfSecretsAsync(ct))
        {
            if (string.Equals(properties.Name, name, StringComparison.Ordinal))
            {
                listed.Add(properties);
            }
        }

        // Assert
        var item = Assert.Single(listed);
        Assert.Equal("text/new", item.ContentType);
        Assert.Equal("2", item.Tags["generation"]);
    }

    [Fact]
    public async Task GetPropertiesOfSecrets_AfterDelete_NoLongerListsSecret()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.CreateSecretClient();
        var kept = TestNames.Unique("page-kept");
        var deleted = TestNames.Unique("page-gone");
        await client.SetSecretAsync(kept, "kept", ct);
        await client.SetSecretAsync(deleted, "gone", ct);
        var operation = await client.StartDeleteSecretAsync(deleted, ct);
        await operation.WaitForCompletionAsync(ct);

        // Act
        var names = new List<string>();
        await foreach (var properties in client.GetPropertiesOfSecretsAsync(ct))
        {
            names.Add(properties.Name);
        }

        // Assert
        Assert.Single(names, n => n == kept);
        Assert.DoesNotContain(deleted, names);
    }
}
