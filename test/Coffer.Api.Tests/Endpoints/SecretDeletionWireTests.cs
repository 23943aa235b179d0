using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coffer.Api.Tests.TestSupport;

namespace Coffer.Api.Tests.Endpoints;

/// <summary>Soft delete, purge, recover, backup and restore on the wire (keyvault-rest-api.md §1.7).</summary>
public sealed class SecretDeletionWireTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const long NinetyDays = 90L * 24 * 60 * 60;

    [Fact]
    public async Task Delete_Returns200WithRecoveryIdAndDates()
    {
        // Arrange
        var name = Names.Unique("delete");
        var set = await fixture.SetSecretAsync(name, "v", contentType: "text/plain");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Delete, SecretCalls.Path(name));

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(["attributes", "contentType", "deletedDate", "id", "recoveryId", "scheduledPurgeDate"], Wire.PropertyNames(body));
        Assert.Equal($"{fixture.VaultOrigin}/deletedsecrets/{name}", body.GetProperty("recoveryId").GetString());
        Assert.Equal(set.GetProperty("id").GetString(), body.GetProperty("id").GetString());
        var deleted = Wire.AssertUnixSeconds(body.GetProperty("deletedDate"));
        Assert.InRange(deleted, DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds());
        Assert.Equal(deleted + NinetyDays, Wire.AssertUnixSeconds(body.GetProperty("scheduledPurgeDate")));
    }

    [Fact]
    public async Task Delete_UnknownSecret_Returns404SecretNotFound()
    {
        // Act
        using var response = await fixture.SendAsync(HttpMethod.Delete, SecretCalls.Path(Names.Unique("absent")));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "SecretNotFound");
    }

    [Fact]
    public async Task GetDeleted_AfterDelete_Returns200DeletedBundle()
    {
        // Arrange
        var name = Names.Unique("getdeleted");
        await fixture.SetSecretAsync(name, "v");
        using var delete = await fixture.SendAsync(HttpMethod.Delete, SecretCalls.Path(name));
        var deleted = await Wire.AssertJsonAsync(delete);

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Get, $"/deletedsecrets/{name}?api-version={ServerFixture.ApiVersion}");

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.False(body.TryGetProperty("value", out _));
        Assert.Equal(deleted.GetProperty("recoveryId").GetString(), body.GetProperty("recoveryId").GetString());
        Assert.Equal(deleted.GetProperty("deletedDate").GetInt64(), body.GetProperty("deletedDate").GetInt64());
        Assert.Equal(deleted.GetProperty("scheduledPurgeDate").GetInt64(), body.GetProperty("scheduledPurgeDate").GetInt64());
        using var live = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));
        await Wire.AssertErrorAsync(live, HttpStatusCode.NotFound, "SecretNotFound");
    }

    [Fact]
    public async Task ListDeleted_ContainsDeletedSecretWithRecoveryId()
    {
        // Arrange
        var name = Names.Unique("listdeleted");
        await fixture.SetSecretAsync(name, "v");
        await fixture.DeleteSecretAsync(name);
        var found = (JsonElement?)null;
        var link = new Uri(fixture.VaultUri, $"/deletedsecrets?api-version={ServerFixture.ApiVersion}").ToString();

        // Act
        for (var pages = 0; link is not null && found is null; pages++)
        {
            Assert.True(pages < 100, "The next links do not end.");
            using var response = await fixture.SendAsync(fixture.Request(HttpMethod.Get, link));
            var body = await Wire.AssertJsonAsync(response);
            Assert.Equal(["nextLink", "value"], Wire.PropertyNames(body));
            found = body.GetProperty("value").EnumerateArray().Cast<JsonElement?>()
                .FirstOrDefault(i => i!.Value.GetProperty("id").GetString() == $"{fixture.VaultOrigin}/secrets/{name}");
            link = body.GetProperty("nextLink").GetString();
        }

        // Assert
        Assert.NotNull(found);
        var item = found.Value;
        Assert.False(item.TryGetProperty("value", out _));
        Assert.Equal($"{fixture.VaultOrigin}/deletedsecrets/{name}", item.GetProperty("recoveryId").GetString());
        Assert.Equal(
            Wire.AssertUnixSeconds(item.GetProperty("deletedDate")) + NinetyDays,
            Wire.AssertUnixSeconds(item.GetProperty("scheduledPurgeDate")));
    }

    [Fact]
    public async Task Purge_Returns204WithEmptyBody_AndFreesTheName()
    {
        // Arrange
        var name = Names.Unique("purge");
        await fixture.SetSecretAsync(name, "v");
        await fixture.DeleteSecretAsync(name);

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Delete, $"/deletedsecrets/{name}?api-version={ServerFixture.ApiVersion}");

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        await fixture.AssertSecretAbsentAsync(name);
        await fixture.SetSecretAsync(name, "again");
    }

    [Fact]
    public async Task Purge_NotDeleted_Returns404()
    {
        // Arrange
        var name = Names.Unique("purgelive");
        await fixture.SetSecretAsync(name, "v");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Delete, $"/deletedsecrets/{name}?api-version={ServerFixture.ApiVersion}");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "SecretNotFound");
        using var live = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));
        await Wire.AssertJsonAsync(live);
    }

    [Fact]
    public async Task Purge_ThenSetSameName_StartsWithOnlyTheNewVersion()
    {
        // Arrange
        var name = Names.Unique("reborn");
        await fixture.SetSecretAsync(name, "old-1");
        await fixture.SetSecretAsync(name, "old-2");
        await fixture.DeleteSecretAsync(name);
        using (var purge = await fixture.SendAsync(HttpMethod.Delete, $"/deletedsecrets/{name}?api-version={ServerFixture.ApiVersion}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, purge.StatusCode);
        }

        var reborn = await fixture.SetSecretAsync(name, "new");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name, "/versions"));

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        var item = Assert.Single(body.GetProperty("value").EnumerateArray());
        Assert.Equal(reborn.GetProperty("id").GetString(), item.GetProperty("id").GetString());
    }

    [Fact]
    public async Task List_AfterDelete_LeavesDeletedSecretOut()
    {
        // Arrange
        var name = Names.Unique("gone");
        await fixture.SetSecretAsync(name, "v");
        await fixture.DeleteSecretAsync(name);
        var ids = new List<string>();
        var link = new Uri(fixture.VaultUri, $"/secrets?api-version={ServerFixture.ApiVersion}").ToString();

        // Act
        for (var pages = 0; link is not null; pages++)
        {
            Assert.True(pages < 100, "The next links do not end.");
            using var response = await fixture.SendAsync(fixture.Request(HttpMethod.Get, link));
            var body = await Wire.AssertJsonAsync(response);
            ids.AddRange(body.GetProperty("value").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)); // every item has an id
            link = body.GetProperty("nextLink").GetString();
        }

        // Assert
        Assert.DoesNotContain($"{fixture.VaultOrigin}/secrets/{name}", ids);
    }

    [Theory]
    [InlineData("POST", "/secrets/{name}/backup")]
    [InlineData("GET", "/secrets/{name}/versions")]
    [InlineData("GET", "/secrets/{name}/")]
    public async Task SoftDeletedSecret_LiveOperations_Return404(string method, string path)
    {
        // Arrange
        var name = Names.Unique("deletedops");
        await fixture.SetSecretAsync(name, "v");
        await fixture.DeleteSecretAsync(name);

        // Act
        using var response = await fixture.SendAsync(new HttpMethod(method), $"{path.Replace("{name}", name, StringComparison.Ordinal)}?api-version={ServerFixture.ApiVersion}");

        // Assert
        if (response.StatusCode == HttpStatusCode.OK && path.EndsWith("/versions", StringComparison.Ordinal))
        {
            // Listing the versions of a deleted secret may answer an empty page; it must not show them.
            Assert.Empty((await Wire.AssertJsonAsync(response)).GetProperty("value").EnumerateArray());
        }
        else
        {
            await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "SecretNotFound");
        }
    }

    [Fact]
    public async Task Recover_Returns200BundleWithoutValue_AndSecretIsBack()
    {
        // Arrange
        var name = Names.Unique("recover");
        var set = await fixture.SetSecretAsync(name, "recovered-value");
        await fixture.DeleteSecretAsync(name);

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Post, $"/deletedsecrets/{name}/recover?api-version={ServerFixture.ApiVersion}");

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(set.GetProperty("id").GetString(), body.GetProperty("id").GetString());
        Assert.False(body.TryGetProperty("recoveryId", out _));
        using var get = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));
        Assert.Equal("recovered-value", (await Wire.AssertJsonAsync(get)).GetProperty("value").GetString());
        using var deleted = await fixture.SendAsync(HttpMethod.Get, $"/deletedsecrets/{name}?api-version={ServerFixture.ApiVersion}");
        await Wire.AssertErrorAsync(deleted, HttpStatusCode.NotFound, "SecretNotFound");
    }

    [Fact]
    public async Task Backup_ReturnsOnlyBase64UrlValue()
    {
        // Arrange
        var name = Names.Unique("backup");
        await fixture.SetSecretAsync(name, "v");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Post, SecretCalls.Path(name, "/backup"));

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(["value"], Wire.PropertyNames(body));
        Assert.Matches("^[A-Za-z0-9_-]+$", body.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Restore_AfterPurge_RestoresEveryVersionWithItsIdAndValue()
    {
        // Arrange
        var name = Names.Unique("restore");
        var first = await fixture.SetSecretAsync(name, "first", tags: new JsonObject { ["t"] = "1" });
        var second = await fixture.SetSecretAsync(name, "second", contentType: "text/plain");
        var blob = await BackupAsync(name);
        await fixture.DeleteSecretAsync(name);
        using (var purge = await fixture.SendAsync(HttpMethod.Delete, $"/deletedsecrets/{name}?api-version={ServerFixture.ApiVersion}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, purge.StatusCode);
        }

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Post, $"/secrets/restore?api-version={ServerFixture.ApiVersion}", $$"""{"value":"{{blob}}"}""");

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.False(body.TryGetProperty("value", out _));
        Assert.Equal(second.GetProperty("id").GetString(), body.GetProperty("id").GetString());
        Assert.Equal("text/plain", body.GetProperty("contentType").GetString());
        using var old = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name, "/" + SecretCalls.VersionOf(first)));
        var oldBody = await Wire.AssertJsonAsync(old);
        Assert.Equal("first", oldBody.GetProperty("value").GetString());
        Assert.Equal("1", oldBody.GetProperty("tags").GetProperty("t").GetString());
        Assert.Equal(first.GetProperty("attributes").GetProperty("created").GetInt64(), oldBody.GetProperty("attributes").GetProperty("created").GetInt64());
        using var latest = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));
        Assert.Equal("second", (await Wire.AssertJsonAsync(latest)).GetProperty("value").GetString());
    }

    [Fact]
    public async Task Restore_WhileSecretExists_Returns409Conflict()
    {
        // Arrange
        var name = Names.Unique("restorelive");
        await fixture.SetSecretAsync(name, "v");
        var blob = await BackupAsync(name);

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Post, $"/secrets/restore?api-version={ServerFixture.ApiVersion}", $$"""{"value":"{{blob}}"}""");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.Conflict, "Conflict");
    }

    [Theory]
    [InlineData("""{"value":"!!! not base64 !!!"}""")]
    [InlineData("""{"value":"Z2FyYmFnZQ"}""")]
    [InlineData("""{"value":""}""")]
    [InlineData("""{"value":"wAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""")]
    [InlineData("""{}""")]
    [InlineData("""{"value":null}""")]
    [InlineData("""{"value":42}""")]
    public async Task Restore_Garbage_Returns400BadParameter(string json)
    {
        // Act
        using var response = await fixture.SendAsync(HttpMethod.Post, $"/secrets/restore?api-version={ServerFixture.ApiVersion}", json);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
    }

    [Fact]
    public async Task Restore_TamperedBackup_Returns400AndRestoresNothing()
    {
        // Arrange
        var name = Names.Unique("tampered");
        await fixture.SetSecretAsync(name, "v");
        var blob = Jwt.Base64UrlDecode(await BackupAsync(name));
        await fixture.DeleteSecretAsync(name);
        using (var purge = await fixture.SendAsync(HttpMethod.Delete, $"/deletedsecrets/{name}?api-version={ServerFixture.ApiVersion}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, purge.StatusCode);
        }

        blob[blob.Length / 2] ^= 0x01;

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Post, $"/secrets/restore?api-version={ServerFixture.ApiVersion}", $$"""{"value":"{{Jwt.Base64UrlEncode(blob)}}"}""");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        await fixture.AssertSecretAbsentAsync(name);
    }

    private async Task<string> BackupAsync(string name)
    {
        using var response = await fixture.SendAsync(HttpMethod.Post, SecretCalls.Path(name, "/backup"));
        return (await Wire.AssertJsonAsync(response)).GetProperty("value").GetString()!; // a backup always has a value
    }
}
