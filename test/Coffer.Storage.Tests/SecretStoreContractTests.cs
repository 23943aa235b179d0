using System.Security.Cryptography;
using Coffer.Core.Abstractions;
using Coffer.Core.Secrets;

namespace Coffer.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="ISecretStore"/> must have. Subclass once per store with a fresh, empty store per test.
/// Times are whole seconds: stores keep Unix seconds, as the Key Vault wire format does.
/// This part holds the shared members and helpers, adding and reading versions, and parallel writers; the other parts
/// cover updates (<c>.Update.cs</c>), listing (<c>.Listing.cs</c>) and delete, recover, purge and restore (<c>.Deletion.cs</c>).
/// </summary>
public abstract partial class SecretStoreContractTests
{
    protected static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);

    protected Guid VaultId { get; } = Guid.NewGuid();

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<ISecretStore> CreateStoreAsync();

    [Fact]
    public async Task AddVersionAsync_NewName_ReturnsVersionWithSequence()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var version = NewVersion("db-password");

        // Act
        var stored = await store.AddVersionAsync(version, Ct);

        // Assert
        Assert.NotNull(stored);
        Assert.True(stored.Sequence > 0);
        AssertSameVersion(version, stored);
    }

    [Fact]
    public async Task AddVersionAsync_SubSecondTimesAndUpperCaseVersion_ReturnsWhatAReadReturns()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var version = NewVersion("precise") with
        {
            Version = Guid.NewGuid().ToString("N").ToUpperInvariant(),
            Created = Now.AddMilliseconds(750),
            Updated = Now.AddMilliseconds(750),
            Expires = Now.AddDays(1).AddMilliseconds(1),
        };

        // Act
        var stored = await store.AddVersionAsync(version, Ct);
        var read = await store.GetAsync(VaultId, "precise", null, Ct);

        // Assert
        Assert.NotNull(stored);
        Assert.NotNull(read);
        Assert.Equal(version.Version.ToLowerInvariant(), stored.Version);
        Assert.Equal(Now, stored.Created);
        AssertSameVersion(stored, read);
        Assert.Equal(stored.Sequence, read.Sequence);
    }

    [Fact]
    public async Task GetAsync_NoVersion_ReturnsLatest()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddVersionAsync(NewVersion("api-key"), Ct);
        var second = NewVersion("api-key", Now.AddMinutes(1));
        await store.AddVersionAsync(second, Ct);

        // Act
        var latest = await store.GetAsync(VaultId, "api-key", null, Ct);

        // Assert
        Assert.NotNull(latest);
        AssertSameVersion(second, latest);
    }

    [Fact]
    public async Task GetAsync_ByVersion_ReturnsThatVersion()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var first = NewVersion("api-key");
        await store.AddVersionAsync(first, Ct);
        await store.AddVersionAsync(NewVersion("api-key"), Ct);

        // Act
        var found = await store.GetAsync(VaultId, "api-key", first.Version, Ct);
        var foundUpper = await store.GetAsync(VaultId, "api-key", first.Version.ToUpperInvariant(), Ct);

        // Assert
        Assert.NotNull(found);
        AssertSameVersion(first, found);
        Assert.NotNull(foundUpper);
        Assert.Equal(first.Version, foundUpper.Version);
    }

    [Fact]
    public async Task GetAsync_AfterEachAdd_FollowsNewestVersion()
    {
        // Arrange
        var store = await CreateStoreAsync();

        // Act & Assert
        for (var i = 0; i < 5; i++)
        {
            var added = await store.AddVersionAsync(NewVersion("rotating", Now.AddMinutes(i)), Ct);
            var latest = await store.GetAsync(VaultId, "rotating", null, Ct);
            Assert.NotNull(added);
            Assert.NotNull(latest);
            Assert.Equal(added.Version, latest.Version);
            Assert.Equal(added.Sequence, latest.Sequence);
        }
    }

    [Fact]
    public async Task GetAsync_UnknownNameOrVersion_ReturnsNull()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddVersionAsync(NewVersion("known"), Ct);

        // Act
        var unknownName = await store.GetAsync(VaultId, "unknown", null, Ct);
        var unknownVersion = await store.GetAsync(VaultId, "known", Guid.NewGuid().ToString("N"), Ct);
        var otherVault = await store.GetAsync(Guid.NewGuid(), "known", null, Ct);

        // Assert
        Assert.Null(unknownName);
        Assert.Null(unknownVersion);
        Assert.Null(otherVault);
    }

    [Fact]
    public async Task AddVersionAsync_OtherCasing_KeepsFirstCasingAndMatchesCaseInsensitively()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddVersionAsync(NewVersion("MySecret"), Ct);

        // Act
        var second = await store.AddVersionAsync(NewVersion("MYSECRET"), Ct);
        var found = await store.GetAsync(VaultId, SecretName.Key("mySECRET"), null, Ct);

        // Assert
        Assert.NotNull(second);
        Assert.Equal("MySecret", second.Name);
        Assert.NotNull(found);
        Assert.Equal("MySecret", found.Name);
        Assert.Equal(second.Version, found.Version);
        Assert.Equal(2, (await store.ListVersionsAsync(VaultId, "mysecret", 0, 10, Ct)).Count);
    }

    [Fact]
    public async Task AddVersionAsync_SoftDeletedName_ReturnsNull()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.AddVersionAsync(NewVersion("gone"), Ct);
        await store.DeleteAsync(VaultId, "gone", Now, Now.AddDays(90), Ct);

        // Act
        var added = await store.AddVersionAsync(NewVersion("gone"), Ct);

        // Assert
        Assert.Null(added);
        var deleted = await store.GetDeletedAsync(VaultId, "gone", Ct);
        Assert.NotNull(deleted);
    }

    [Fact]
    public async Task AddVersionAsync_NullTagsAndDates_RoundTrip()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var version = NewVersion("plain") with { Tags = null, ContentType = null, NotBefore = null, Expires = null, Enabled = false };

        // Act
        await store.AddVersionAsync(version, Ct);
        var found = await store.GetAsync(VaultId, "plain", null, Ct);

        // Assert
        Assert.NotNull(found);
        AssertSameVersion(version, found);
    }

    [Fact]
    public async Task AddVersionAsync_TagsWithAwkwardCharacters_RoundTrip()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var tags = new Dictionary<string, string>
        {
            ["quote\"key"] = "back\\slash",
            ["unicode"] = "héllo wörld ✓",
            ["empty"] = "",
            ["json"] = "{\"a\":[1,2]}",
        };
        var version = NewVersion("tagged") with { Tags = tags };

        // Act
        await store.AddVersionAsync(version, Ct);
        var found = await store.GetAsync(VaultId, "tagged", null, Ct);

        // Assert
        Assert.NotNull(found);
        Assert.Equal(tags, found.Tags);
    }

    [Fact]
    public async Task AddVersionAsync_ParallelWritersToOneName_KeepsEveryVersion()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var versions = Enumerable.Range(0, 32).Select(_ => NewVersion("contended")).ToArray();

        // Act
        var results = await Task.WhenAll(versions.Select(v => Task.Run(() => store.AddVersionAsync(v, Ct), Ct)));

        // Assert
        Assert.All(results, r => Assert.NotNull(r));
        Assert.Equal(32, results.Select(r => r!.Sequence).Distinct().Count());
        var listed = await store.ListVersionsAsync(VaultId, "contended", 0, 100, Ct);
        Assert.Equal(versions.Select(v => v.Version).Order(), listed.Select(v => v.Version).Order());
        var reads = await Task.WhenAll(versions.Select(v => Task.Run(async () => await store.GetAsync(VaultId, "contended", v.Version, Ct), Ct)));
        for (var i = 0; i < versions.Length; i++)
        {
            Assert.NotNull(reads[i]);
            AssertSameVersion(versions[i], reads[i]!);
        }

        var newest = results.MaxBy(r => r!.Sequence)!;
        Assert.Equal(newest.Version, (await store.GetAsync(VaultId, "contended", null, Ct))?.Version);
    }

    protected SecretVersion NewVersion(string name, DateTimeOffset? created = null) =>
        new(
            VaultId,
            name,
            Guid.NewGuid().ToString("N"),
            created ?? Now,
            created ?? Now,
            Enabled: true,
            NotBefore: Now.AddDays(-1),
            Expires: Now.AddDays(365),
            ContentType: "text/plain",
            Tags: new Dictionary<string, string> { ["env"] = "test" },
            Ciphertext: RandomNumberGenerator.GetBytes(48));

    /// <summary>Everything but <see cref="SecretVersion.Sequence"/> (store-assigned) and the name's casing (the stored one wins).</summary>
    protected static void AssertSameVersion(SecretVersion expected, SecretVersion actual)
    {
        Assert.Equal(expected.VaultId, actual.VaultId);
        Assert.Equal(expected.NameKey, actual.NameKey);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.Created, actual.Created);
        Assert.Equal(expected.Updated, actual.Updated);
        Assert.Equal(expected.Enabled, actual.Enabled);
        Assert.Equal(expected.NotBefore, actual.NotBefore);
        Assert.Equal(expected.Expires, actual.Expires);
        Assert.Equal(expected.ContentType, actual.ContentType);
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.Ciphertext, actual.Ciphertext);
    }
}
