using System.Net;
using System.Text.Json;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Vaults;

namespace Coffer.Api.Tests.Keys;

/// <summary>Lists and paging, soft delete, deleted keys, recover, purge, name reuse, backup and restore of keys.</summary>
public sealed class KeyLifecycleWireTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task ListVersions_PagesWithNextLinkAndVersionedKids()
    {
        // Arrange
        var name = Names.Unique("pages");
        var kids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            kids.Add(KeyCalls.Kid(await fixture.CreateKeyAsync(name, """{"kty":"EC"}""")));
        }

        // Act
        using var first = await fixture.SendAsync(HttpMethod.Get, KeyCalls.Path(name, "/versions") + "&maxresults=2");
        var firstBody = await Wire.AssertJsonAsync(first);
        var next = firstBody.GetProperty("nextLink").GetString()!; // asserted below: two of three items leave a next page
        using var second = await fixture.SendAsync(fixture.Request(HttpMethod.Get, next));
        var secondBody = await Wire.AssertJsonAsync(second);

        // Assert
        Assert.Equal(["nextLink", "value"], Wire.PropertyNames(firstBody));
        Assert.StartsWith($"{fixture.VaultOrigin}/keys/{name}/versions?", next, StringComparison.Ordinal);
        Assert.Contains("api-version=", next, StringComparison.Ordinal);
        Assert.Contains("$skiptoken=", next, StringComparison.Ordinal);
        var items = firstBody.GetProperty("value").EnumerateArray().Concat(secondBody.GetProperty("value").EnumerateArray()).ToList();
        Assert.Equal(kids, items.Select(i => i.GetProperty("kid").GetString()));
        Assert.Equal(["attributes", "kid"], Wire.PropertyNames(items[0]));
        Assert.Equal(JsonValueKind.Null, secondBody.GetProperty("nextLink").ValueKind);
    }

    [Fact]
    public async Task List_HasBaseKidPerKeyAndNoKeyMaterial()
    {
        // Arrange
        var name = Names.Unique("listed");
        await fixture.CreateKeyAsync(name, """{"kty":"RSA","tags":{"t":"v"}}""");
        await fixture.CreateKeyAsync(name, """{"kty":"RSA"}""");

        // Act: walk every page.
        var items = new List<JsonElement>();
        string? link = $"/keys?api-version={ServerFixture.ApiVersion}&maxresults=25";
        while (link is not null)
        {
            using var response = await fixture.SendAsync(fixture.Request(HttpMethod.Get, link));
            var page = await Wire.AssertJsonAsync(response);
            items.AddRange(page.GetProperty("value").EnumerateArray());
            link = page.GetProperty("nextLink").GetString();
        }

        // Assert
        var item = Assert.Single(items, i => i.GetProperty("kid").GetString() == $"{fixture.VaultOrigin}/keys/{name}");
        Assert.Equal(["attributes", "kid"], Wire.PropertyNames(item));
    }

    [Fact]
    public async Task Delete_ThenGetDeletedListRecover_RoundTrips()
    {
        // Arrange
        var name = Names.Unique("del");
        var created = await fixture.CreateKeyAsync(name, """{"kty":"EC"}""");

        // Act
        using var delete = await fixture.SendAsync(HttpMethod.Delete, KeyCalls.Path(name));
        var deleted = await Wire.AssertJsonAsync(delete);
        using var live = await fixture.SendAsync(HttpMethod.Get, KeyCalls.Path(name, "/"));
        using var getDeleted = await fixture.SendAsync(HttpMethod.Get, $"/deletedkeys/{name}?api-version={ServerFixture.ApiVersion}");
        using var listDeleted = await fixture.SendAsync(HttpMethod.Get, $"/deletedkeys?api-version={ServerFixture.ApiVersion}");
        using var reuse = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path(name, "/create"), """{"kty":"EC"}""");
        using var recover = await fixture.SendAsync(HttpMethod.Post, $"/deletedkeys/{name}/recover?api-version={ServerFixture.ApiVersion}");

        // Assert
        Assert.Equal(["attributes", "deletedDate", "key", "recoveryId", "scheduledPurgeDate"], Wire.PropertyNames(deleted));
        Assert.Equal($"{fixture.VaultOrigin}/deletedkeys/{name}", deleted.GetProperty("recoveryId").GetString());
        Assert.Equal(KeyCalls.Kid(created), KeyCalls.Kid(deleted));
        var purgeOn = Wire.AssertUnixSeconds(deleted.GetProperty("scheduledPurgeDate"));
        Assert.Equal(90 * 86400, purgeOn - Wire.AssertUnixSeconds(deleted.GetProperty("deletedDate")));
        await Wire.AssertErrorAsync(live, HttpStatusCode.NotFound, "KeyNotFound");
        Assert.Equal(KeyCalls.Kid(created), KeyCalls.Kid(await Wire.AssertJsonAsync(getDeleted)));
        var item = Assert.Single((await Wire.AssertJsonAsync(listDeleted)).GetProperty("value").EnumerateArray(), i => i.GetProperty("kid").GetString() == $"{fixture.VaultOrigin}/keys/{name}");
        Assert.Equal(["attributes", "deletedDate", "kid", "recoveryId", "scheduledPurgeDate"], Wire.PropertyNames(item));
        await Wire.AssertErrorAsync(reuse, HttpStatusCode.Conflict, "Conflict", "ObjectIsDeletedButRecoverable");
        Assert.Equal(KeyCalls.Kid(created), KeyCalls.Kid(await Wire.AssertJsonAsync(recover)));
        using var after = await fixture.SendAsync(HttpMethod.Get, KeyCalls.Path(name, "/"));
        await Wire.AssertJsonAsync(after);
    }

    [Fact]
    public async Task Purge_DeletedKey_Returns204AndRemovesIt()
    {
        // Arrange
        var name = Names.Unique("purge");
        await fixture.CreateKeyAsync(name, """{"kty":"EC"}""");
        using (var delete = await fixture.SendAsync(HttpMethod.Delete, KeyCalls.Path(name)))
        {
            await Wire.AssertJsonAsync(delete);
        }

        // Act
        using var purge = await fixture.SendAsync(HttpMethod.Delete, $"/deletedkeys/{name}?api-version={ServerFixture.ApiVersion}");
        using var again = await fixture.SendAsync(HttpMethod.Delete, $"/deletedkeys/{name}?api-version={ServerFixture.ApiVersion}");

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, purge.StatusCode);
        Assert.Empty(await purge.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        await Wire.AssertErrorAsync(again, HttpStatusCode.NotFound, "KeyNotFound");
        await fixture.CreateKeyAsync(name, """{"kty":"EC"}""");
    }

    [Fact]
    public async Task BackupRestore_AllVersionsComeBackWithTheirIdsAndStillSign()
    {
        // Arrange
        var name = Names.Unique("backup");
        var first = await fixture.CreateKeyAsync(name, """{"kty":"EC","tags":{"gen":"1"}}""");
        var second = await fixture.CreateKeyAsync(name, """{"kty":"EC"}""");
        using var backup = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path(name, "/backup"));
        var blob = (await Wire.AssertJsonAsync(backup)).GetProperty("value").GetString()!; // a backup always has a value
        using (var conflict = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path("restore"), $$"""{"value":"{{blob}}"}"""))
        {
            await Wire.AssertErrorAsync(conflict, HttpStatusCode.Conflict, "Conflict");
        }

        using (var delete = await fixture.SendAsync(HttpMethod.Delete, KeyCalls.Path(name)))
        {
            await Wire.AssertJsonAsync(delete);
        }

        using (var purge = await fixture.SendAsync(HttpMethod.Delete, $"/deletedkeys/{name}?api-version={ServerFixture.ApiVersion}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, purge.StatusCode);
        }

        // Act
        using var restore = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path("restore"), $$"""{"value":"{{blob}}"}""");
        using var old = await fixture.SendAsync(HttpMethod.Get, KeyCalls.Path(name, "/" + KeyCalls.VersionOf(first)));
        using var sign = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path(name, $"/{KeyCalls.VersionOf(first)}/sign"), $$"""{"alg":"ES256","value":"{{KeyCalls.B64(new byte[32])}}"}""");

        // Assert
        var restored = await Wire.AssertJsonAsync(restore);
        Assert.Equal(KeyCalls.Kid(second), KeyCalls.Kid(restored));
        var oldBody = await Wire.AssertJsonAsync(old);
        Assert.Equal(first.GetProperty("key").GetProperty("x").GetString(), oldBody.GetProperty("key").GetProperty("x").GetString());
        Assert.Equal("1", oldBody.GetProperty("tags").GetProperty("gen").GetString());
        await Wire.AssertJsonAsync(sign);
    }

    [Theory]
    [InlineData("""{"value":"not base64!"}""")]
    [InlineData("""{"value":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""")]
    [InlineData("""{}""")]
    public async Task Restore_BadBlob_Returns400(string body)
    {
        // Act
        using var response = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path("restore"), body);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
    }

    [Fact]
    public async Task Restore_SecretBackupBlob_Returns400()
    {
        // Arrange: a blob of another kind must not restore as a key.
        var name = Names.Unique("kind");
        await fixture.SetSecretAsync(name, "v");
        using var backup = await fixture.SendAsync(HttpMethod.Post, SecretCalls.Path(name, "/backup"));
        var blob = (await Wire.AssertJsonAsync(backup)).GetProperty("value").GetString()!; // a backup always has a value

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path("restore"), $$"""{"value":"{{blob}}"}""");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
    }

    [Fact]
    public async Task Purge_VaultWithPurgeProtection_Returns403AndKeepsTheDeletedKey()
    {
        // Arrange: a vault with purge protection, driven through the service the endpoint calls.
        var ct = TestContext.Current.CancellationToken;
        var vault = await fixture.GetService<VaultDirectory>().CreateAsync(
            new Vault(Guid.NewGuid(), "protected" + Names.RandomText(6).ToLowerInvariant(), DateTimeOffset.UtcNow, 30, PurgeProtection: true), ct);
        var keys = fixture.GetService<KeyService>();
        await keys.CreateAsync(vault, "kept", new KeyCreateRequest("EC", null, null, null, new KeyChanges()), ct);
        await keys.DeleteAsync(vault, "kept", ct);

        // Act
        var error = await Assert.ThrowsAsync<CofferException>(() => keys.PurgeAsync(vault, "kept", ct));

        // Assert
        Assert.Equal(403, error.Status);
        Assert.Equal("Forbidden", error.Code);
        Assert.Contains("purge protection", error.Message, StringComparison.Ordinal);
        Assert.Equal("kept", (await keys.GetDeletedAsync(vault, "kept", ct)).Latest.Name);
    }
}
