using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Identity;

namespace Coffer.Api.Tests.Hosting;

/// <summary>
/// Forged and tampered tokens against the data plane: alg none, HS256 keyed with the public key, unknown or foreign
/// signing keys, one altered byte, and correctly signed tokens with bad claims, payloads or headers all get the 401
/// challenge. Each forgery has a control built the same way with the right ingredient, which is accepted, so a 401 is
/// caused by the defect under test and nothing else.
/// </summary>
public sealed class TokenForgeryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AlgNone_Returns401(bool withKid)
    {
        // Arrange
        var (header, payload, _) = Jwt.Parse(fixture.Token);
        var forged = new JsonObject { ["alg"] = "none", ["typ"] = "JWT" };
        if (withKid)
        {
            forged["kid"] = header["kid"]!.DeepClone(); // Coffer's tokens always name their key
        }

        var token = Jwt.Encode(forged) + "." + Jwt.Encode(payload) + ".";

        // Act
        using var response = await SendWithAsync(token);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Theory]
    [InlineData("spki-der")]
    [InlineData("spki-pem")]
    [InlineData("pkcs1-der")]
    [InlineData("modulus")]
    public async Task Hs256WithPublicKeyAsSecret_Returns401(string form)
    {
        // Arrange: the algorithm-confusion attack, HMAC keyed with the server's public key bytes.
        var (header, payload, _) = Jwt.Parse(fixture.Token);
        var kid = header["kid"]!.GetValue<string>(); // Coffer's tokens always name their key
        Assert.True(fixture.GetService<SigningKeyRing>().TryGetVerificationKey(kid, out var rsa));
        var secret = form switch
        {
            "spki-der" => rsa.ExportSubjectPublicKeyInfo(),
            "spki-pem" => Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem()),
            "pkcs1-der" => rsa.ExportRSAPublicKey(),
            _ => rsa.ExportParameters(includePrivateParameters: false).Modulus!, // RSA public parameters always have a modulus
        };
        var forged = new JsonObject { ["alg"] = "HS256", ["kid"] = kid, ["typ"] = "JWT" };
        var token = Jwt.SignHs256(forged, payload, secret);

        // Act
        using var response = await SendWithAsync(token);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Fact]
    public async Task Rs256WithUnknownKid_Returns401()
    {
        // Arrange
        var (_, payload, _) = Jwt.Parse(fixture.Token);
        using var foreign = RSA.Create(2048);
        var token = Jwt.SignRs256(new JsonObject { ["alg"] = "RS256", ["kid"] = "attacker-key", ["typ"] = "JWT" }, payload, foreign);

        // Act
        using var response = await SendWithAsync(token);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Fact]
    public async Task Rs256WithKnownKidSignedByForeignKey_Returns401()
    {
        // Arrange
        var (header, payload, _) = Jwt.Parse(fixture.Token);
        using var foreign = RSA.Create(2048);
        var token = Jwt.SignRs256(header, payload, foreign);

        // Act
        using var response = await SendWithAsync(token);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Fact]
    public async Task Rs256ResignedWithServerKey_IsAccepted()
    {
        // Arrange: the control for the forgeries: the same re-encoding, signed with the real key.
        var (header, payload, _) = Jwt.Parse(fixture.Token);
        var (_, key) = fixture.GetService<SigningKeyRing>().Current;
        var token = Jwt.SignRs256(header, payload, key);

        // Act
        using var response = await SendWithAsync(token);

        // Assert
        await Wire.AssertJsonAsync(response);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task OneByteAltered_Returns401(int segment)
    {
        // Arrange: change one byte so the token stays well-formed and only the signature can tell:
        // the header's typ ("JWT" to "JWS"), the leading digit of exp (decades ahead), or a bit of the signature.
        var parts = (await GetFreshTokenAsync()).Split('.');
        var bytes = Jwt.Base64UrlDecode(parts[segment]);
        var text = Encoding.UTF8.GetString(bytes);
        var index = segment switch
        {
            0 => text.IndexOf("\"JWT\"", StringComparison.Ordinal) + 3,
            1 => text.IndexOf("\"exp\":", StringComparison.Ordinal) + 6,
            _ => bytes.Length / 2,
        };
        Assert.True(segment != 1 || bytes[index] is >= (byte)'1' and <= (byte)'8', "exp does not start with a digit 1-8.");
        bytes[index] = segment switch
        {
            0 => (byte)'S',
            1 => (byte)(bytes[index] + 1),
            _ => (byte)(bytes[index] ^ 0x01),
        };
        parts[segment] = Jwt.Base64UrlEncode(bytes);
        var token = string.Join('.', parts);
        if (segment < 2)
        {
            Assert.NotNull(System.Text.Json.Nodes.JsonNode.Parse(Jwt.Base64UrlDecode(parts[segment])));
        }

        // Act
        using var response = await SendWithAsync(token);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Theory]
    [InlineData("exp", "\"9999999999\"")]
    [InlineData("exp", "1.9e9")]
    [InlineData("exp", "-1")]
    [InlineData("exp", "253402300799")]
    [InlineData("exp", "99999999999999999999")]
    [InlineData("exp", "null")]
    [InlineData("nbf", "true")]
    [InlineData("nbf", "\"0\"")]
    [InlineData("oid", "\"not-a-guid\"")]
    [InlineData("oid", "42")]
    [InlineData("tid", "\"not-a-guid\"")]
    [InlineData("aud", "[\"https://localhost\"]")]
    [InlineData("iss", "7")]
    [InlineData("exp", null)]
    [InlineData("nbf", null)]
    [InlineData("oid", null)]
    [InlineData("tid", null)]
    [InlineData("aud", null)]
    [InlineData("iss", null)]
    public async Task SignedByServerKeyWithBadClaim_Returns401(string claim, string? json)
    {
        // Arrange: a correct signature over claims of the wrong type, out of range or missing; never a 500.
        var (header, payload, _) = Jwt.Parse(fixture.Token);
        if (json is null)
        {
            payload.Remove(claim);
        }
        else
        {
            payload[claim] = JsonNode.Parse(json);
        }

        var token = Jwt.SignRs256(header, payload, fixture.GetService<SigningKeyRing>().Current.Key);

        // Act
        using var response = await SendWithAsync(token);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"text\"")]
    [InlineData("not json")]
    [InlineData("{\"exp\":")]
    public async Task SignedByServerKeyWithPayloadNotAnObject_Returns401(string payload)
    {
        // Arrange
        var (header, _, _) = Jwt.Parse(fixture.Token);
        var input = Jwt.Encode(header) + "." + Jwt.Base64UrlEncode(Encoding.UTF8.GetBytes(payload));
        var signature = fixture.GetService<SigningKeyRing>().Current.Key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var token = input + "." + Jwt.Base64UrlEncode(signature);

        // Act
        using var response = await SendWithAsync(token);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Theory]
    [InlineData("""{"alg":"RS256","kid":42}""")]
    [InlineData("""{"alg":"RS256"}""")]
    [InlineData("""{"alg":"rs256","kid":"{kid}"}""")]
    [InlineData("""{"alg":["RS256"],"kid":"{kid}"}""")]
    [InlineData("""{"alg":"PS256","kid":"{kid}"}""")]
    [InlineData("[]")]
    public async Task SignedByServerKeyWithBadHeader_Returns401(string header)
    {
        // Arrange
        var (realHeader, payload, _) = Jwt.Parse(fixture.Token);
        var kid = realHeader["kid"]!.GetValue<string>(); // Coffer's tokens always name their key
        var input = Jwt.Base64UrlEncode(Encoding.UTF8.GetBytes(header.Replace("{kid}", kid, StringComparison.Ordinal))) + "." + Jwt.Encode(payload);
        var signature = fixture.GetService<SigningKeyRing>().Current.Key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var token = input + "." + Jwt.Base64UrlEncode(signature);

        // Act
        using var response = await SendWithAsync(token);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    private Task<HttpResponseMessage> SendWithAsync(string token) => fixture.ReadWithTokenAsync(token);

    private async Task<string> GetFreshTokenAsync() => await fixture.Server.GetTokenAsync();
}
