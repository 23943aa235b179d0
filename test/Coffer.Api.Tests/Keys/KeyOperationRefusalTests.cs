using System.Net;
using System.Security.Cryptography;
using Coffer.Api.Tests.TestSupport;

namespace Coffer.Api.Tests.Keys;

/// <summary>
/// What a key refuses, as Key Vault refuses it: an operation missing from <c>key_ops</c>, a private operation on a
/// disabled key, any operation outside the nbf/exp window, a wrong algorithm, bad base64url, an oversize RSA plaintext.
/// </summary>
public sealed class KeyOperationRefusalTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly string Digest = KeyCalls.B64(SHA256.HashData("x"u8));

    [Fact]
    public async Task Sign_KeyWithoutSignInKeyOps_Returns403KeyOperationForbidden()
    {
        // Arrange
        var name = Names.Unique("nosign");
        await fixture.CreateKeyAsync(name, """{"kty":"RSA","key_ops":["verify","wrapKey"]}""");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path(name, "//sign"), $$"""{"alg":"RS256","value":"{{Digest}}"}""");

        // Assert
        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.Forbidden, "Forbidden", "KeyOperationForbidden");
        Assert.Equal("Operation sign is not permitted on this key.", message);
    }

    [Fact]
    public async Task Sign_AfterUpdateRemovedSign_Returns403()
    {
        // Arrange
        var name = Names.Unique("opsupd");
        await fixture.CreateKeyAsync(name, """{"kty":"EC"}""");
        using (var first = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path(name, "//sign"), $$"""{"alg":"ES256","value":"{{Digest}}"}"""))
        {
            await Wire.AssertJsonAsync(first);
        }

        using (var patch = await fixture.SendAsync(HttpMethod.Patch, KeyCalls.Path(name, "/"), """{"key_ops":["verify"]}"""))
        {
            await Wire.AssertJsonAsync(patch);
        }

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path(name, "//sign"), $$"""{"alg":"ES256","value":"{{Digest}}"}""");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.Forbidden, "Forbidden", "KeyOperationForbidden");
    }

    [Fact]
    public async Task DisabledKey_RefusesSignDecryptUnwrap_ButVerifiesAndWraps()
    {
        // Arrange
        var name = Names.Unique("disabled");
        await fixture.CreateKeyAsync(name, """{"kty":"RSA","attributes":{"enabled":false}}""");
        var block = KeyCalls.B64(new byte[256]);

        // Act
        using var sign = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path(name, "//sign"), $$"""{"alg":"RS256","value":"{{Digest}}"}""");
        using var decrypt = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path(name, "//decrypt"), $$"""{"alg":"RSA-OAEP","value":"{{block}}"}""");
        using var unwrap = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path(name, "//unwrapkey"), $$"""{"alg":"RSA-OAEP","value":"{{block}}"}""");
        using var verify = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path(name, "//verify"), $$"""{"alg":"RS256","digest":"{{Digest}}","value":"{{block}}"}""");
        using var wrap = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path(name, "//wrapkey"), $$"""{"alg":"RSA-OAEP","value":"{{Digest}}"}""");
        using var get = await fixture.SendAsync(HttpMethod.Get, KeyCalls.Path(name, "/"));

        // Assert
        Assert.Equal("Operation sign is not allowed on a disabled key.", await Wire.AssertErrorAsync(sign, HttpStatusCode.Forbidden, "Forbidden", "KeyDisabled"));
        await Wire.AssertErrorAsync(decrypt, HttpStatusCode.Forbidden, "Forbidden", "KeyDisabled");
        await Wire.AssertErrorAsync(unwrap, HttpStatusCode.Forbidden, "Forbidden", "KeyDisabled");
        Assert.False((await Wire.AssertJsonAsync(verify)).GetProperty("value").GetBoolean());
        await Wire.AssertJsonAsync(wrap);
        await Wire.AssertJsonAsync(get);
    }

    [Fact]
    public async Task ExpiredAndNotYetValidKeys_RefuseOperations()
    {
        // Arrange
        var expired = Names.Unique("expired");
        var early = Names.Unique("early");
        var past = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds();
        var future = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds();
        await fixture.CreateKeyAsync(expired, $$$"""{"kty":"EC","attributes":{"exp":{{{past}}}}}""");
        await fixture.CreateKeyAsync(early, $$$"""{"kty":"EC","attributes":{"nbf":{{{future}}}}}""");

        // Act
        using var signExpired = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path(expired, "//sign"), $$"""{"alg":"ES256","value":"{{Digest}}"}""");
        using var signEarly = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path(early, "//sign"), $$"""{"alg":"ES256","value":"{{Digest}}"}""");

        // Assert
        await Wire.AssertErrorAsync(signExpired, HttpStatusCode.Forbidden, "Forbidden", "KeyExpired");
        await Wire.AssertErrorAsync(signEarly, HttpStatusCode.Forbidden, "Forbidden", "KeyNotYetValid");
    }

    [Theory]
    [InlineData("sign", """{"alg":"ES256","value":"AAAA"}""")]
    [InlineData("encrypt", """{"alg":"A256GCM","value":"AAAA"}""")]
    [InlineData("wrapkey", """{"alg":"A256KW","value":"AAAAAAAAAAAAAAAAAAAAAA"}""")]
    public async Task Operation_AlgorithmForAnotherKeyType_Returns400(string operation, string body)
    {
        // Arrange
        var name = Names.Unique("alg");
        await fixture.CreateKeyAsync(name, """{"kty":"RSA"}""");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path(name, "//" + operation), body);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
    }

    [Theory]
    [InlineData("sign", """{"alg":"RS256","value":"not*base64"}""", "value")]
    [InlineData("verify", """{"alg":"RS256","digest":"%%%","value":"AAAA"}""", "digest")]
    [InlineData("encrypt", """{"alg":"RSA-OAEP","value":"a b"}""", "value")]
    [InlineData("sign", """{"value":"AAAA"}""", "alg")]
    [InlineData("encrypt", """{"alg":"RSA-OAEP"}""", "value")]
    public async Task Operation_BadBase64UrlOrMissingMember_Returns400NamingIt(string operation, string body, string field)
    {
        // Arrange
        var name = Names.Unique("b64");
        await fixture.CreateKeyAsync(name, """{"kty":"RSA"}""");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path(name, "//" + operation), body);

        // Assert
        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        Assert.Contains($"'{field}'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encrypt_RsaOaepPlaintextTooLong_Returns400()
    {
        // Arrange: RSA-OAEP (SHA-1) with a 2048-bit key takes at most 256 - 2*20 - 2 = 214 bytes.
        var name = Names.Unique("long");
        await fixture.CreateKeyAsync(name, """{"kty":"RSA"}""");

        // Act
        using var fits = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path(name, "//encrypt"), $$"""{"alg":"RSA-OAEP","value":"{{KeyCalls.B64(new byte[214])}}"}""");
        using var tooLong = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path(name, "//encrypt"), $$"""{"alg":"RSA-OAEP","value":"{{KeyCalls.B64(new byte[215])}}"}""");

        // Assert
        await Wire.AssertJsonAsync(fits);
        await Wire.AssertErrorAsync(tooLong, HttpStatusCode.BadRequest, "BadParameter");
    }

    [Fact]
    public async Task Operation_UnknownVersion_Returns404KeyNotFound()
    {
        // Arrange
        var name = Names.Unique("ver");
        await fixture.CreateKeyAsync(name, """{"kty":"EC"}""");

        // Act
        using var response = await fixture.SendAsync(HttpMethod.Post, KeyCalls.Path(name, $"/{Guid.NewGuid():N}/sign"), $$"""{"alg":"ES256","value":"{{Digest}}"}""");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "KeyNotFound");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(32)]
    [InlineData(128)]
    public async Task Rng_Count_ReturnsThatManyBytes(int count)
    {
        // Act
        using var response = await fixture.SendAsync(HttpMethod.Post, $"/rng?api-version={ServerFixture.ApiVersion}", $$"""{"count":{{count}}}""");

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(["value"], Wire.PropertyNames(body));
        Assert.Equal(count, KeyCalls.Bytes(body, "value").Length);
    }

    [Theory]
    [InlineData("""{"count":0}""")]
    [InlineData("""{"count":129}""")]
    [InlineData("""{}""")]
    public async Task Rng_CountOutOfRange_Returns400(string body)
    {
        // Act
        using var response = await fixture.SendAsync(HttpMethod.Post, $"/rng?api-version={ServerFixture.ApiVersion}", body);

        // Assert
        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadParameter");
        Assert.Contains("'count'", message, StringComparison.Ordinal);
    }
}
