using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Coffer.Api.Tests.TestSupport;

namespace Coffer.Api.Tests.Endpoints;

/// <summary>Set, get and update of secrets, asserted on the raw JSON (field names from secrets.json).</summary>
public sealed class SecretWireTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Put_NewSecret_Returns200WithExactlyValueIdAttributes()
    {
        // Arrange
        var name = Names.Unique("put");
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), """{"value":"hunter2"}""");

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(["attributes", "id", "value"], Wire.PropertyNames(body));
        Assert.Equal("hunter2", body.GetProperty("value").GetString());
        var attributes = body.GetProperty("attributes");
        Assert.Equal(["created", "enabled", "recoverableDays", "recoveryLevel", "updated"], Wire.PropertyNames(attributes));
        Assert.Equal(JsonValueKind.True, attributes.GetProperty("enabled").ValueKind);
        var created = Wire.AssertUnixSeconds(attributes.GetProperty("created"));
        Assert.Equal(created, Wire.AssertUnixSeconds(attributes.GetProperty("updated")));
        Assert.InRange(created, before - 5, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);
        Assert.Equal("90", attributes.GetProperty("recoverableDays").GetRawText());
        Assert.Equal("Recoverable+Purgeable", attributes.GetProperty("recoveryLevel").GetString());
    }

    [Fact]
    public async Task Put_NewSecret_IdIsVaultHostNameAndLowercaseHexVersion()
    {
        // Arrange
        var name = Names.Unique("id");

        // Act
        var body = await fixture.SetSecretAsync(name, "v");

        // Assert
        Assert.Matches($"^{Regex.Escape(fixture.VaultOrigin)}/secrets/{name}/[0-9a-f]{{32}}$", body.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Put_WithContentTypeTagsAndAttributes_EchoesThem()
    {
        // Arrange
        var name = Names.Unique("full");
        var nbf = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds();
        var exp = DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds();
        var json = $$$"""{"value":"v","contentType":"text/plain","tags":{"env":"test","team":"core"},"attributes":{"enabled":true,"nbf":{{{nbf}}},"exp":{{{exp}}}}}""";

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), json);

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(["attributes", "contentType", "id", "tags", "value"], Wire.PropertyNames(body));
        Assert.Equal("text/plain", body.GetProperty("contentType").GetString());
        Assert.Equal("""{"env":"test","team":"core"}""", JsonNode.Parse(body.GetProperty("tags").GetRawText())!.ToJsonString());
        var attributes = body.GetProperty("attributes");
        Assert.Equal(["created", "enabled", "exp", "nbf", "recoverableDays", "recoveryLevel", "updated"], Wire.PropertyNames(attributes));
        Assert.Equal(nbf, Wire.AssertUnixSeconds(attributes.GetProperty("nbf")));
        Assert.Equal(exp, Wire.AssertUnixSeconds(attributes.GetProperty("exp")));
    }

    [Fact]
    public async Task Put_SameNameTwice_CreatesNewVersion()
    {
        // Arrange
        var name = Names.Unique("twice");
        var first = await fixture.SetSecretAsync(name, "one");

        // Act
        var second = await fixture.SetSecretAsync(name, "two");

        // Assert
        Assert.NotEqual(SecretCalls.VersionOf(first), SecretCalls.VersionOf(second));
        Assert.Equal("two", second.GetProperty("value").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    public async Task Get_WithoutVersion_ReturnsLatest(string trailing)
    {
        // Arrange
        var name = Names.Unique("latest");
        await fixture.SetSecretAsync(name, "old");
        var latest = await fixture.SetSecretAsync(name, "new");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name, trailing));

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(["attributes", "id", "value"], Wire.PropertyNames(body));
        Assert.Equal("new", body.GetProperty("value").GetString());
        Assert.True(response.Headers.CacheControl?.NoStore, "A response with a secret value must say Cache-Control: no-store.");
        Assert.Equal(latest.GetProperty("id").GetString(), body.GetProperty("id").GetString());
        Assert.Equal(latest.GetProperty("attributes").GetRawText(), body.GetProperty("attributes").GetRawText());
    }

    [Fact]
    public async Task Get_ByVersion_ReturnsThatVersion()
    {
        // Arrange
        var name = Names.Unique("byversion");
        var old = await fixture.SetSecretAsync(name, "old");
        await fixture.SetSecretAsync(name, "new");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name, "/" + SecretCalls.VersionOf(old)));

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal("old", body.GetProperty("value").GetString());
        Assert.Equal(old.GetProperty("id").GetString(), body.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Get_NameInOtherCase_ReturnsSecretWithOriginalCasing()
    {
        // Arrange
        var name = "Mixed-" + Guid.NewGuid().ToString("N");
        var set = await fixture.SetSecretAsync(name, "v");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name.ToUpperInvariant()));

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(set.GetProperty("id").GetString(), body.GetProperty("id").GetString());
        Assert.Contains($"/secrets/{name}/", body.GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("/{version}")]
    public async Task Patch_ReturnsBundleWithoutValue(string version)
    {
        // Arrange
        var name = Names.Unique("patch");
        var set = await fixture.SetSecretAsync(name, "unchanged");
        var path = SecretCalls.Path(name, version.Replace("{version}", SecretCalls.VersionOf(set), StringComparison.Ordinal));

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Patch, path, """{"contentType":"application/x-test","tags":{"a":"b"},"attributes":{"enabled":true}}""");

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(["attributes", "contentType", "id", "tags"], Wire.PropertyNames(body));
        Assert.Equal(set.GetProperty("id").GetString(), body.GetProperty("id").GetString());
        Assert.Equal("application/x-test", body.GetProperty("contentType").GetString());
        Assert.Equal("b", body.GetProperty("tags").GetProperty("a").GetString());
        using var get = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));
        var after = await Wire.AssertJsonAsync(get);
        Assert.Equal("unchanged", after.GetProperty("value").GetString());
        Assert.Equal("application/x-test", after.GetProperty("contentType").GetString());
    }

    [Fact]
    public async Task Patch_EmptyObject_ChangesNothingButUpdated()
    {
        // Arrange
        var name = Names.Unique("patchnone");
        await fixture.SetSecretAsync(name, "v", contentType: "ct", tags: new JsonObject { ["k"] = "v" });

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Patch, SecretCalls.Path(name, "/"), "{}");

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal("ct", body.GetProperty("contentType").GetString());
        Assert.Equal("v", body.GetProperty("tags").GetProperty("k").GetString());
        Assert.False(body.TryGetProperty("value", out _));
    }

    [Fact]
    public async Task Get_ExpiredOrNotYetValidSecret_StillReturnsValue()
    {
        // Arrange: nbf and exp are informational for secrets (keyvault-rest-api.md §1.3).
        var expired = Names.Unique("expired");
        var early = Names.Unique("early");
        var past = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds();
        var future = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds();
        await fixture.SetSecretAsync(expired, "old", attributes: new JsonObject { ["exp"] = past });
        await fixture.SetSecretAsync(early, "new", attributes: new JsonObject { ["nbf"] = future });

        // Act
        using var expiredResponse = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(expired));
        using var earlyResponse = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(early));

        // Assert
        var expiredBody = await Wire.AssertJsonAsync(expiredResponse);
        Assert.Equal("old", expiredBody.GetProperty("value").GetString());
        Assert.Equal(past, Wire.AssertUnixSeconds(expiredBody.GetProperty("attributes").GetProperty("exp")));
        Assert.Equal("new", (await Wire.AssertJsonAsync(earlyResponse)).GetProperty("value").GetString());
    }

    [Fact]
    public async Task Put_ReadOnlyAttributes_AreIgnored()
    {
        // Arrange
        var name = Names.Unique("readonly");
        var json = """{"value":"v","kid":"https://evil/keys/k/1","managed":true,"attributes":{"created":1,"updated":2,"recoverableDays":7,"recoveryLevel":"Purgeable"}}""";

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), json);

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(["attributes", "id", "value"], Wire.PropertyNames(body));
        var attributes = body.GetProperty("attributes");
        Assert.True(attributes.GetProperty("created").GetInt64() > 1_000_000_000);
        Assert.True(attributes.GetProperty("updated").GetInt64() > 1_000_000_000);
        Assert.Equal(90, attributes.GetProperty("recoverableDays").GetInt32());
        Assert.Equal("Recoverable+Purgeable", attributes.GetProperty("recoveryLevel").GetString());
    }

    [Fact]
    public async Task Patch_WithValue_DoesNotChangeTheValue()
    {
        // Arrange: a value is immutable; SecretUpdateParameters has no value.
        var name = Names.Unique("patchvalue");
        var set = await fixture.SetSecretAsync(name, "original");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Patch, SecretCalls.Path(name, "/"), """{"value":"replaced"}""");

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.False(body.TryGetProperty("value", out _));
        using var get = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));
        var after = await Wire.AssertJsonAsync(get);
        Assert.Equal("original", after.GetProperty("value").GetString());
        Assert.Equal(set.GetProperty("id").GetString(), after.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Responses_HaveJsonContentTypeWithUtf8()
    {
        // Arrange
        var name = Names.Unique("ctype");
        await fixture.SetSecretAsync(name, "v");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));

        // Assert
        await Wire.AssertJsonAsync(response);
        var charset = response.Content.Headers.ContentType?.CharSet;
        Assert.True(charset is null || string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase), $"charset={charset}");
    }

    [Fact]
    public async Task Put_NonAsciiValue_RoundTrips()
    {
        // Arrange
        var name = Names.Unique("unicode");
        const string Value = "pässwörd ✓ 🔑 \"quoted\" \\ back\nline";

        // Act
        await fixture.SetSecretAsync(name, Value);
        using var response = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(Value, body.GetProperty("value").GetString());
    }
}
