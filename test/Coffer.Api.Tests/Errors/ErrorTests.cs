using System.Net;
using Coffer.Api.Tests.TestSupport;

namespace Coffer.Api.Tests.Errors;

/// <summary>
/// Key Vault's error body <c>{"error":{"code","message"}}</c> with the right status for requests the server cannot take:
/// malformed or unreadable bodies, unknown paths, areas not built yet and unsupported methods. Never a 500, and a
/// rejected write leaves nothing behind. Size limits are in <see cref="LimitTests"/>, missing, disabled and deleted
/// secrets in <see cref="ObjectStateErrorTests"/>.
/// </summary>
public sealed class ErrorTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
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
    [InlineData("POST", "/no/such/operation")]
    [InlineData("GET", "/")]
    [InlineData("GET", "/secrets/a/b/c/d")]
    [InlineData("GET", "/keysx")]
    [InlineData("POST", "/keys/k/0123/sign/more")]
    [InlineData("POST", "/keys/k/fly")]
    public async Task UnknownPath_WithToken_Returns404WithErrorBody(string method, string path)
    {
        // Act
        using var response = await fixture.SendAsync(new HttpMethod(method), $"{path}?api-version={ServerFixture.ApiVersion}");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "NotFound");
    }

    [Theory]
    [InlineData("POST", "/certificates/c/create")]
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
        using var request = fixture.RequestAs(null, HttpMethod.Post, $"/certificates/c/create?api-version={ServerFixture.ApiVersion}");
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
}
