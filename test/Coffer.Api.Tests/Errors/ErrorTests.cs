using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coffer.Api.Tests.TestSupport;

namespace Coffer.Api.Tests.Errors;

/// <summary>
/// Key Vault's error body <c>{"error":{"code","message"}}</c> with the right status for bad input and missing objects:
/// never a 500, and a rejected write leaves nothing behind.
/// </summary>
public sealed class ErrorTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int MaxValueBytes = 25 * 1024;

    [Theory]
    [InlineData("{")]
    [InlineData("""{"value":""")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("""{"value":5}""")]
    [InlineData("""{"value":"v","tags":["a"]}""")]
    [InlineData("""{"value":"v","attributes":{"exp":"tomorrow"}}""")]
    [InlineData("""{"value":"v","attributes":{"enabled":"yes"}}""")]
    [InlineData("""{"value":"v","attributes":{"exp":-1}}""")]
    [InlineData("""{"value":"v","attributes":{"exp":1e300}}""")]
    [InlineData("""{"value":"v","tags":{"a":5}}""")]
    [InlineData("""{"value":"v","tags":{"a":null}}""")]
    [InlineData("""{"value":"v"} trailing""")]
    public async Task Put_MalformedBody_Returns400BadParameter(string json)
    {
        // Arrange
        var name = Names.Unique("malformed");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), json);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        await fixture.AssertSecretAbsentAsync(name);
    }

    [Fact]
    public async Task Put_JsonNullBody_Returns400BadParameter()
    {
        // Arrange
        var name = Names.Unique("null");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), "null");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        await fixture.AssertSecretAbsentAsync(name);
    }

    [Fact]
    public async Task Put_EmptyBodyWithToken_Returns400BadParameter()
    {
        // Arrange
        var name = Names.Unique("empty");
        using var request = fixture.Request(HttpMethod.Put, SecretCalls.Path(name));
        request.Content = new ByteArrayContent([]);

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        await fixture.AssertSecretAbsentAsync(name);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"value":null}""")]
    [InlineData("""{"contentType":"text/plain"}""")]
    public async Task Put_MissingValue_Returns400NamingValue(string json)
    {
        // Arrange
        var name = Names.Unique("novalue");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), json);

        // Assert
        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        Assert.Contains("'value'", message, StringComparison.Ordinal);
        await fixture.AssertSecretAbsentAsync(name);
    }

    [Theory]
    [InlineData("under_score")]
    [InlineData("dot.name")]
    [InlineData("sp%20ace")]
    [InlineData("%C3%A9t%C3%A9")]
    public async Task Put_InvalidName_Returns400BadParameter(string name)
    {
        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody("v"));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
    }

    [Fact]
    public async Task Put_Name128Chars_Returns400BadParameter()
    {
        // Arrange
        var name = new string('a', 128);

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody("v"));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
    }

    [Fact]
    public async Task Put_Name127Chars_Returns200()
    {
        // Arrange
        var name = "n" + Guid.NewGuid().ToString("N") + new string('a', 127 - 33);

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody("v"));

        // Assert
        await Wire.AssertJsonAsync(response);
    }

    [Theory]
    [InlineData("a", MaxValueBytes + 1)]
    [InlineData("é", (MaxValueBytes / 2) + 1)]
    public async Task Put_ValueOverLimit_Returns400AndNothingWritten(string unit, int count)
    {
        // Arrange
        var name = Names.Unique("big");
        var value = string.Concat(Enumerable.Repeat(unit, count));

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody(value));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        await fixture.AssertSecretAbsentAsync(name);
    }

    [Theory]
    [InlineData("a", MaxValueBytes)]
    [InlineData("é", MaxValueBytes / 2)]
    public async Task Put_ValueAtLimit_Returns200AndRoundTrips(string unit, int count)
    {
        // Arrange
        var name = Names.Unique("limit");
        var value = string.Concat(Enumerable.Repeat(unit, count));

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody(value));

        // Assert
        await Wire.AssertJsonAsync(response);
        using var get = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));
        Assert.Equal(value, (await Wire.AssertJsonAsync(get)).GetProperty("value").GetString());
    }

    [Fact]
    public async Task Put_16Tags_Returns400AndNothingWritten()
    {
        // Arrange
        var name = Names.Unique("tags");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody("v", tags: Tags(16)));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        await fixture.AssertSecretAbsentAsync(name);
    }

    [Fact]
    public async Task Put_15Tags_Returns200()
    {
        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(Names.Unique("tags")), SecretCalls.SetBody("v", tags: Tags(15)));

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(15, body.GetProperty("tags").EnumerateObject().Count());
    }

    [Theory]
    [InlineData(257, 1)]
    [InlineData(1, 257)]
    [InlineData(0, 1)]
    public async Task Put_TagTooLong_Returns400AndNothingWritten(int nameLength, int valueLength)
    {
        // Arrange
        var name = Names.Unique("tag");
        var tags = new JsonObject { [new string('k', nameLength)] = new string('v', valueLength) };

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody("v", tags: tags));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        await fixture.AssertSecretAbsentAsync(name);
    }

    [Fact]
    public async Task Put_ContentType256Chars_Returns400AndNothingWritten()
    {
        // Arrange
        var name = Names.Unique("ctype");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody("v", contentType: new string('c', 256)));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        await fixture.AssertSecretAbsentAsync(name);
    }

    [Fact]
    public async Task Put_ContentType255Chars_Returns200()
    {
        // Arrange
        var contentType = new string('c', 255);

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(Names.Unique("ctype")), SecretCalls.SetBody("v", contentType: contentType));

        // Assert
        Assert.Equal(contentType, (await Wire.AssertJsonAsync(response)).GetProperty("contentType").GetString());
    }

    [Fact]
    public async Task Put_InvalidBodyOnExistingSecret_LeavesLatestVersionUnchanged()
    {
        // Arrange
        var name = Names.Unique("keep");
        var set = await fixture.SetSecretAsync(name, "kept");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody("v", tags: Tags(16)));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        using var get = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));
        var body = await Wire.AssertJsonAsync(get);
        Assert.Equal(set.GetProperty("id").GetString(), body.GetProperty("id").GetString());
        Assert.Equal("kept", body.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Patch_InvalidBody_Returns400AndChangesNothing()
    {
        // Arrange
        var name = Names.Unique("patchbad");
        var set = await fixture.SetSecretAsync(name, "v", contentType: "before");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Patch, SecretCalls.Path(name, "/"), $$"""{"contentType":"{{new string('c', 256)}}"}""");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        using var get = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));
        var body = await Wire.AssertJsonAsync(get);
        Assert.Equal("before", body.GetProperty("contentType").GetString());
        Assert.Equal(set.GetProperty("attributes").GetRawText(), body.GetProperty("attributes").GetRawText());
    }

    [Fact]
    public async Task Get_UnknownSecret_Returns404SecretNotFound()
    {
        // Arrange
        var name = Names.Unique("unknown");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));

        // Assert
        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "SecretNotFound");
        Assert.Contains(name, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/00000000000000000000000000000000")]
    [InlineData("/0123456789abcdef0123456789abcdef")]
    [InlineData("/not-a-version")]
    public async Task Get_UnknownVersion_Returns404SecretNotFound(string version)
    {
        // Arrange
        var name = Names.Unique("unknownversion");
        await fixture.SetSecretAsync(name, "v");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name, version));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "SecretNotFound");
    }

    [Fact]
    public async Task Patch_UnknownSecret_Returns404SecretNotFound()
    {
        // Act
        using var response = await fixture.SendAsync(HttpMethod.Patch, SecretCalls.Path(Names.Unique("unknown"), "/"), "{}");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "SecretNotFound");
    }

    [Fact]
    public async Task Get_DisabledSecret_Returns403SecretDisabled()
    {
        // Arrange
        var name = Names.Unique("disabled");
        var set = await fixture.SetSecretAsync(name, "v", attributes: new JsonObject { ["enabled"] = false });

        // Act
        using var latest = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));
        using var byVersion = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name, "/" + SecretCalls.VersionOf(set)));

        // Assert
        Assert.Equal(JsonValueKind.False, set.GetProperty("attributes").GetProperty("enabled").ValueKind);
        await Wire.AssertErrorAsync(latest, HttpStatusCode.Forbidden, "Forbidden", "SecretDisabled");
        await Wire.AssertErrorAsync(byVersion, HttpStatusCode.Forbidden, "Forbidden", "SecretDisabled");
    }

    [Fact]
    public async Task Get_DisabledByPatch_Returns403SecretDisabled()
    {
        // Arrange
        var name = Names.Unique("disabledlater");
        await fixture.SetSecretAsync(name, "v");
        using var patch = await fixture.SendAsync(HttpMethod.Patch, SecretCalls.Path(name, "/"), """{"attributes":{"enabled":false}}""");
        await Wire.AssertJsonAsync(patch);

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.Forbidden, "Forbidden", "SecretDisabled");
    }

    [Fact]
    public async Task Put_SoftDeletedName_Returns409ObjectIsDeletedButRecoverable()
    {
        // Arrange
        var name = Names.Unique("deletedname");
        await fixture.SetSecretAsync(name, "v");
        await fixture.DeleteSecretAsync(name);

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody("new"));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.Conflict, "Conflict", "ObjectIsDeletedButRecoverable");
    }

    [Fact]
    public async Task Put_SoftDeletedNameInOtherCase_Returns409ObjectIsDeletedButRecoverable()
    {
        // Arrange: names compare case-insensitively.
        var name = "Case-" + Guid.NewGuid().ToString("N");
        await fixture.SetSecretAsync(name, "v");
        await fixture.DeleteSecretAsync(name);

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name.ToLowerInvariant()), SecretCalls.SetBody("new"));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.Conflict, "Conflict", "ObjectIsDeletedButRecoverable");
    }

    [Theory]
    [InlineData("POST", "/no/such/operation")]
    [InlineData("GET", "/")]
    [InlineData("GET", "/secrets/a/b/c/d")]
    [InlineData("GET", "/keysx")]
    public async Task UnknownPath_WithToken_Returns404WithErrorBody(string method, string path)
    {
        // Act
        using var response = await fixture.SendAsync(new HttpMethod(method), $"{path}?api-version={ServerFixture.ApiVersion}");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "NotFound");
    }

    [Theory]
    [InlineData("GET", "/keys")]
    [InlineData("POST", "/keys/k/create")]
    [InlineData("GET", "/deletedkeys")]
    [InlineData("POST", "/rng")]
    [InlineData("GET", "/certificates/c/")]
    [InlineData("GET", "/deletedcertificates")]
    [InlineData("GET", "/storage")]
    public async Task AreaNotBuiltYet_WithToken_Returns501NotImplemented(string method, string path)
    {
        // Act
        using var response = await fixture.SendAsync(new HttpMethod(method), $"{path}?api-version={ServerFixture.ApiVersion}", method == "POST" ? "{}" : null);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotImplemented, "NotImplemented");
    }

    [Fact]
    public async Task AreaNotBuiltYet_WithoutToken_Returns401Challenge()
    {
        // Arrange
        using var request = fixture.RequestAs(null, HttpMethod.Post, $"/keys/k/create?api-version={ServerFixture.ApiVersion}");
        request.Content = new ByteArrayContent([]);

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Theory]
    [InlineData("DELETE", "/secrets")]
    [InlineData("PUT", "/deletedsecrets/x")]
    [InlineData("POST", "/secrets/x")]
    public async Task UnsupportedMethod_WithToken_ReturnsClientErrorWithErrorBody(string method, string path)
    {
        // Act
        using var response = await fixture.SendAsync(new HttpMethod(method), $"{path}?api-version={ServerFixture.ApiVersion}", "{}");

        // Assert: Key Vault documents no answer here; 404 (no such operation) or 405, always with the error body.
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        await Wire.AssertErrorAsync(response, response.StatusCode, response.StatusCode == HttpStatusCode.NotFound ? "NotFound" : "MethodNotAllowed");
    }

    [Theory]
    [InlineData("""{"value":"\ud800"}""")]
    [InlineData("""{"value":"a\udc00b"}""")]
    [InlineData("""{"value":"v","tags":{"k":"\ud800"}}""")]
    [InlineData("""{"value":"v","contentType":"\udfff"}""")]
    public async Task Put_LoneSurrogateEscape_Returns400AndNothingWritten(string json)
    {
        // Arrange: a JSON escape of half a UTF-16 pair has no UTF-8 form, so it cannot be stored as given.
        var name = Names.Unique("surrogate");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), json);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        await fixture.AssertSecretAbsentAsync(name);
    }

    [Fact]
    public async Task Put_InvalidUtf8Body_Returns400AndNothingWritten()
    {
        // Arrange
        var name = Names.Unique("badutf8");
        using var request = fixture.Request(HttpMethod.Put, SecretCalls.Path(name));
        request.Content = new ByteArrayContent([.. "{\"value\":\""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8]);
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        await fixture.AssertSecretAbsentAsync(name);
    }

    [Fact]
    public async Task Put_DeeplyNestedBody_Returns400AndNothingWritten()
    {
        // Arrange
        var name = Names.Unique("deep");
        var json = "{\"value\":\"v\",\"extra\":" + new string('[', 1000) + new string(']', 1000) + "}";

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), json);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        await fixture.AssertSecretAbsentAsync(name);
    }

    [Fact]
    public async Task Put_BodyOverServerLimit_ReturnsClientErrorAndNothingWritten()
    {
        // Arrange: 17 MiB, past the server's request size limit; the client waits for 100-continue, so it can read the
        // answer (otherwise the server's early reply races the upload and the client sees a broken pipe).
        var name = Names.Unique("huge");
        using var request = fixture.Request(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody(new string('a', 17 * 1024 * 1024)));
        request.Headers.ExpectContinue = true;

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge });
        await Wire.AssertErrorAsync(response, response.StatusCode, "BadParameter");
        await fixture.AssertSecretAbsentAsync(name);
    }

    [Fact]
    public async Task Patch_SoftDeletedSecret_Returns404()
    {
        // Arrange
        var name = Names.Unique("patchdeleted");
        await fixture.SetSecretAsync(name, "v");
        await fixture.DeleteSecretAsync(name);

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Patch, SecretCalls.Path(name, "/"), """{"contentType":"x"}""");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "SecretNotFound");
    }

    private static JsonObject Tags(int count)
    {
        var tags = new JsonObject();
        for (var i = 0; i < count; i++)
        {
            tags["tag" + i] = "value" + i;
        }

        return tags;
    }
}
