using System.Net;
using System.Text.Json;
using Coffer.Api.Tests.TestSupport;

namespace Coffer.Api.Tests.Keys;

/// <summary>The rotation policy endpoints and <c>POST /keys/{name}/rotate</c>, on the real clock.</summary>
public sealed class KeyRotationPolicyWireTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task GetPolicy_KeyWithoutPolicy_ReturnsKeyVaultsDefault()
    {
        // Arrange
        var name = Names.Unique("nopolicy");
        await fixture.CreateKeyAsync(name, """{"kty":"EC"}""");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Get, KeyCalls.Path(name, "/rotationpolicy"));

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(["attributes", "id", "lifetimeActions"], Wire.PropertyNames(body));
        Assert.Equal($"{fixture.VaultOrigin}/keys/{name}/rotationpolicy", body.GetProperty("id").GetString());
        var action = Assert.Single(body.GetProperty("lifetimeActions").EnumerateArray());
        Assert.Equal("""{"trigger":{"timeBeforeExpiry":"P30D"},"action":{"type":"Notify"}}""", action.GetRawText());
        Assert.Equal(JsonValueKind.Object, body.GetProperty("attributes").ValueKind);
    }

    [Fact]
    public async Task PutPolicy_Valid_EchoesItAndGetReturnsIt()
    {
        // Arrange
        var name = Names.Unique("policy");
        await fixture.CreateKeyAsync(name, """{"kty":"RSA"}""");
        const string Policy = """{"lifetimeActions":[{"trigger":{"timeAfterCreate":"P18M"},"action":{"type":"rotate"}},{"trigger":{"timeBeforeExpiry":"P30D"},"action":{"type":"Notify"}}],"attributes":{"expiryTime":"P2Y"}}""";

        // Act
        using var put = await fixture.SendAsync(HttpMethod.Put, KeyCalls.Path(name, "/rotationpolicy"), Policy);
        var putBody = await Wire.AssertJsonAsync(put);
        using var get = await fixture.SendAsync(HttpMethod.Get, KeyCalls.Path(name, "/rotationpolicy"));
        var getBody = await Wire.AssertJsonAsync(get);

        // Assert
        foreach (var body in new[] { putBody, getBody })
        {
            Assert.Equal(
                """[{"trigger":{"timeAfterCreate":"P18M"},"action":{"type":"Rotate"}},{"trigger":{"timeBeforeExpiry":"P30D"},"action":{"type":"Notify"}}]""",
                body.GetProperty("lifetimeActions").GetRawText());
            var attributes = body.GetProperty("attributes");
            Assert.Equal(["created", "expiryTime", "updated"], Wire.PropertyNames(attributes));
            Assert.Equal("P2Y", attributes.GetProperty("expiryTime").GetString());
            Wire.AssertUnixSeconds(attributes.GetProperty("created"));
        }
    }

    [Theory]
    [InlineData("""{"lifetimeActions":[{"trigger":{"timeAfterCreate":"P6D"},"action":{"type":"Rotate"}}]}""", "timeAfterCreate")]
    [InlineData("""{"lifetimeActions":[{"trigger":{"timeBeforeExpiry":"P30D"},"action":{"type":"Rotate"}}]}""", "expiryTime")]
    [InlineData("""{"lifetimeActions":[],"attributes":{"expiryTime":"P27D"}}""", "expiryTime")]
    [InlineData("""{"lifetimeActions":[{"trigger":{"timeAfterCreate":"thirty days"},"action":{"type":"Rotate"}}]}""", "timeAfterCreate")]
    [InlineData("""{"lifetimeActions":[{"trigger":{"timeAfterCreate":"P30D"},"action":{"type":"Explode"}}]}""", "type")]
    [InlineData("""{"lifetimeActions":[{"trigger":{"timeAfterCreate":"P30D","timeBeforeExpiry":"P30D"},"action":{"type":"Rotate"}}],"attributes":{"expiryTime":"P1Y"}}""", "trigger")]
    [InlineData("""{"lifetimeActions":[{"trigger":{"timeAfterCreate":"P30D"},"action":{"type":"Notify"}}]}""", "Notify")]
    [InlineData("""{"lifetimeActions":[{"trigger":{"timeAfterCreate":"P1Y"},"action":{"type":"Rotate"}}],"attributes":{"expiryTime":"P90D"}}""", "shorter")]
    public async Task PutPolicy_Invalid_Returns400AndKeepsThePolicy(string json, string mention)
    {
        // Arrange
        var name = Names.Unique("badpolicy");
        await fixture.CreateKeyAsync(name, """{"kty":"EC"}""");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, KeyCalls.Path(name, "/rotationpolicy"), json);

        // Assert
        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        Assert.Contains(mention, message, StringComparison.Ordinal);
        using var get = await fixture.SendAsync(HttpMethod.Get, KeyCalls.Path(name, "/rotationpolicy"));
        Assert.Equal("P30D", (await Wire.AssertJsonAsync(get)).GetProperty("lifetimeActions")[0].GetProperty("trigger").GetProperty("timeBeforeExpiry").GetString());
    }

    [Fact]
    public async Task PolicyEndpoints_MissingKey_Return404()
    {
        // Act
        using var get = await fixture.SendAsync(HttpMethod.Get, KeyCalls.Path(Names.Unique("none"), "/rotationpolicy"));
        using var put = await fixture.SendAsync(HttpMethod.Put, KeyCalls.Path(Names.Unique("none"), "/rotationpolicy"), """{"lifetimeActions":[]}""");
        using var rotate = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path(Names.Unique("none"), "/rotate"));

        // Assert
        await Wire.AssertErrorAsync(get, HttpStatusCode.NotFound, "KeyNotFound");
        await Wire.AssertErrorAsync(put, HttpStatusCode.NotFound, "KeyNotFound");
        await Wire.AssertErrorAsync(rotate, HttpStatusCode.NotFound, "KeyNotFound");
    }

    [Fact]
    public async Task Rotate_KeepsTypeSizeOpsAndTags_AppliesPolicyExpiry()
    {
        // Arrange
        var name = Names.Unique("rotate");
        var created = await fixture.CreateKeyAsync(name, """{"kty":"RSA-HSM","key_size":3072,"key_ops":["sign","verify"],"tags":{"app":"tokens"}}""");
        using (var put = await fixture.SendAsync(HttpMethod.Put, KeyCalls.Path(name, "/rotationpolicy"), """{"lifetimeActions":[],"attributes":{"expiryTime":"P90D"}}"""))
        {
            await Wire.AssertJsonAsync(put);
        }

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path(name, "/rotate"));

        // Assert
        var rotated = await Wire.AssertJsonAsync(response);
        Assert.NotEqual(KeyCalls.Kid(created), KeyCalls.Kid(rotated));
        var key = rotated.GetProperty("key");
        Assert.Equal("RSA-HSM", key.GetProperty("kty").GetString());
        Assert.Equal(384, KeyCalls.Bytes(key, "n").Length);
        Assert.NotEqual(created.GetProperty("key").GetProperty("n").GetString(), key.GetProperty("n").GetString());
        Assert.Equal(["sign", "verify"], key.GetProperty("key_ops").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal("tokens", rotated.GetProperty("tags").GetProperty("app").GetString());
        var attributes = rotated.GetProperty("attributes");
        Assert.Equal(90 * 86400, Wire.AssertUnixSeconds(attributes.GetProperty("exp")) - Wire.AssertUnixSeconds(attributes.GetProperty("created")));
        using var latest = await fixture.SendAsync(HttpMethod.Get, KeyCalls.Path(name, "/"));
        Assert.Equal(KeyCalls.Kid(rotated), KeyCalls.Kid(await Wire.AssertJsonAsync(latest)));
    }
}
