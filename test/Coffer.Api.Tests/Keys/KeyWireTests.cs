using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Coffer.Api.Tests.TestSupport;

namespace Coffer.Api.Tests.Keys;

/// <summary>Create, get and update of keys, asserted on the raw JSON (field names from keys.json).</summary>
public sealed class KeyWireTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Create_Rsa_ReturnsPublicJwkAndAttributesOnly()
    {
        // Arrange
        var name = Names.Unique("rsa");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path(name, "/create"), """{"kty":"RSA"}""");

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(["attributes", "key"], Wire.PropertyNames(body));
        var key = body.GetProperty("key");
        Assert.Equal(["e", "key_ops", "kid", "kty", "n"], Wire.PropertyNames(key));
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Matches($"^{Regex.Escape(fixture.VaultOrigin)}/keys/{name}/[0-9a-f]{{32}}$", key.GetProperty("kid").GetString());
        Assert.Equal(["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"], key.GetProperty("key_ops").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(256, KeyCalls.Bytes(key, "n").Length);
        Assert.Equal([1, 0, 1], KeyCalls.Bytes(key, "e"));
        var attributes = body.GetProperty("attributes");
        Assert.Equal(["created", "enabled", "exportable", "recoverableDays", "recoveryLevel", "updated"], Wire.PropertyNames(attributes));
        Assert.Equal(JsonValueKind.False, attributes.GetProperty("exportable").ValueKind);
        Wire.AssertUnixSeconds(attributes.GetProperty("created"));
        Assert.Equal("Recoverable+Purgeable", attributes.GetProperty("recoveryLevel").GetString());
    }

    [Theory]
    [InlineData("RSA-HSM", 3072, 384)]
    [InlineData("RSA", 4096, 512)]
    public async Task Create_RsaSizeAndHsm_EchoesKtyAndModulusSize(string kty, int size, int modulusBytes)
    {
        // Act
        var body = await fixture.CreateKeyAsync(Names.Unique("size"), $$"""{"kty":"{{kty}}","key_size":{{size}}}""");

        // Assert
        Assert.Equal(kty, body.GetProperty("key").GetProperty("kty").GetString());
        Assert.Equal(modulusBytes, KeyCalls.Bytes(body.GetProperty("key"), "n").Length);
    }

    [Theory]
    [InlineData("P-256", 32)]
    [InlineData("P-256K", 32)]
    [InlineData("P-384", 48)]
    [InlineData("P-521", 66)]
    public async Task Create_Ec_ReturnsCurveAndPoint(string curve, int coordinateBytes)
    {
        // Act
        var body = await fixture.CreateKeyAsync(Names.Unique("ec"), $$"""{"kty":"EC","crv":"{{curve}}"}""");

        // Assert
        var key = body.GetProperty("key");
        Assert.Equal(["crv", "key_ops", "kid", "kty", "x", "y"], Wire.PropertyNames(key));
        Assert.Equal(curve, key.GetProperty("crv").GetString());
        Assert.Equal(["sign", "verify"], key.GetProperty("key_ops").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(coordinateBytes, KeyCalls.Bytes(key, "x").Length);
        Assert.Equal(coordinateBytes, KeyCalls.Bytes(key, "y").Length);
    }

    [Fact]
    public async Task Create_Oct_ReturnsNoKeyMaterial()
    {
        // Act
        var body = await fixture.CreateKeyAsync(Names.Unique("oct"), """{"kty":"oct-HSM","key_size":256}""");

        // Assert
        var key = body.GetProperty("key");
        Assert.Equal(["key_ops", "kid", "kty"], Wire.PropertyNames(key));
        Assert.Equal("oct-HSM", key.GetProperty("kty").GetString());
    }

    [Fact]
    public async Task Create_WithOpsTagsAndAttributes_EchoesThem()
    {
        // Arrange
        var nbf = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds();
        var exp = DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds();

        // Act
        var body = await fixture.CreateKeyAsync(Names.Unique("full"),
            $$$"""{"kty":"EC","key_ops":["sign"],"tags":{"team":"core"},"attributes":{"enabled":true,"nbf":{{{nbf}}},"exp":{{{exp}}}}}""");

        // Assert
        Assert.Equal(["attributes", "key", "tags"], Wire.PropertyNames(body));
        Assert.Equal(["sign"], body.GetProperty("key").GetProperty("key_ops").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal("core", body.GetProperty("tags").GetProperty("team").GetString());
        Assert.Equal(nbf, Wire.AssertUnixSeconds(body.GetProperty("attributes").GetProperty("nbf")));
        Assert.Equal(exp, Wire.AssertUnixSeconds(body.GetProperty("attributes").GetProperty("exp")));
    }

    [Theory]
    [InlineData("""{"kty":"DSA"}""", "kty", null)]
    [InlineData("""{}""", "kty", null)]
    [InlineData("""{"kty":"RSA","key_size":1024}""", "key size (1024)", "KeySizeNotSupported")]
    [InlineData("""{"kty":"EC","crv":"P-192"}""", "curve (P-192)", null)]
    [InlineData("""{"kty":"RSA","key_ops":["fly"]}""", "key_ops", null)]
    [InlineData("""{"kty":"RSA","attributes":{"exportable":true}}""", "exportable", null)]
    [InlineData("""{"kty":"RSA","release_policy":{"data":"e30"}}""", "release_policy", null)]
    public async Task Create_BadParameters_Return400NamingTheFieldAndCreateNothing(string json, string field, string? innerCode)
    {
        // Arrange
        var name = Names.Unique("bad");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path(name, "/create"), json);

        // Assert
        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter", innerCode);
        Assert.Contains(field, message, StringComparison.OrdinalIgnoreCase);
        using var get = await fixture.SendAsync(HttpMethod.Get, KeyCalls.Path(name, "/"));
        await Wire.AssertErrorAsync(get, HttpStatusCode.NotFound, "KeyNotFound");
    }

    [Fact]
    public async Task Get_LatestWithTrailingSlashAndByVersion_ReturnTheRightVersion()
    {
        // Arrange
        var name = Names.Unique("get");
        var first = await fixture.CreateKeyAsync(name, """{"kty":"EC"}""");
        var second = await fixture.CreateKeyAsync(name, """{"kty":"EC"}""");

        // Act
        using var latest = await fixture.SendAsync(HttpMethod.Get, KeyCalls.Path(name, "/"));
        using var bare = await fixture.SendAsync(HttpMethod.Get, KeyCalls.Path(name));
        using var old = await fixture.SendAsync(HttpMethod.Get, KeyCalls.Path(name, "/" + KeyCalls.VersionOf(first)));

        // Assert
        Assert.Equal(KeyCalls.Kid(second), KeyCalls.Kid(await Wire.AssertJsonAsync(latest)));
        Assert.Equal(KeyCalls.Kid(second), KeyCalls.Kid(await Wire.AssertJsonAsync(bare)));
        var oldBody = await Wire.AssertJsonAsync(old);
        Assert.Equal(KeyCalls.Kid(first), KeyCalls.Kid(oldBody));
        Assert.Equal(first.GetProperty("key").GetProperty("x").GetString(), oldBody.GetProperty("key").GetProperty("x").GetString());
    }

    [Fact]
    public async Task Get_Missing_Returns404KeyNotFound()
    {
        // Act
        using var missing = await fixture.SendAsync(HttpMethod.Get, KeyCalls.Path(Names.Unique("none"), "/"));
        using var missingVersion = await fixture.SendAsync(HttpMethod.Get, KeyCalls.Path(Names.Unique("none"), "/" + Guid.NewGuid().ToString("N")));

        // Assert
        var message = await Wire.AssertErrorAsync(missing, HttpStatusCode.NotFound, "KeyNotFound");
        Assert.StartsWith("A key with (name/id) ", message, StringComparison.Ordinal);
        await Wire.AssertErrorAsync(missingVersion, HttpStatusCode.NotFound, "KeyNotFound");
    }

    [Fact]
    public async Task Update_OpsTagsAndEnabled_AppliesOnlyThoseToTheLatest()
    {
        // Arrange
        var name = Names.Unique("upd");
        var created = await fixture.CreateKeyAsync(name, """{"kty":"RSA","tags":{"a":"1"}}""");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Patch, KeyCalls.Path(name, "/"),
            """{"key_ops":["sign","verify"],"tags":{"b":"2"},"attributes":{"enabled":false}}""");

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(KeyCalls.Kid(created), KeyCalls.Kid(body));
        Assert.Equal(["sign", "verify"], body.GetProperty("key").GetProperty("key_ops").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(["b"], Wire.PropertyNames(body.GetProperty("tags")));
        Assert.Equal(JsonValueKind.False, body.GetProperty("attributes").GetProperty("enabled").ValueKind);
        Assert.Equal(created.GetProperty("key").GetProperty("n").GetString(), body.GetProperty("key").GetProperty("n").GetString());
    }

    [Fact]
    public async Task Update_ExportableOrReleasePolicy_Returns400()
    {
        // Arrange
        var name = Names.Unique("updx");
        await fixture.CreateKeyAsync(name, """{"kty":"EC"}""");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Patch, KeyCalls.Path(name, "/"), """{"attributes":{"exportable":true}}""");

        // Assert
        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        Assert.Contains("attestation", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_KeyWithoutPolicy_Returns400()
    {
        // Arrange
        var name = Names.Unique("rel");
        var created = await fixture.CreateKeyAsync(name, """{"kty":"RSA"}""");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path(name, $"/{KeyCalls.VersionOf(created)}/release"), """{"target":"eyJhbGciOiJub25lIn0.e30."}""");

        // Assert
        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        Assert.Contains("release policy", message, StringComparison.Ordinal);
    }
}
