using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Identity;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Api.Tests.Hosting;

/// <summary>
/// Token attacks against the data plane: each forged, tampered, misdirected or stale token gets the 401 challenge.
/// Each forgery has a control built the same way with the right ingredient, which is accepted, so a 401 is
/// caused by the defect under test and nothing else.
/// </summary>
public sealed class TokenTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly string ReadPath = $"/secrets?api-version={ServerFixture.ApiVersion}&maxresults=1";

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

    [Fact]
    public async Task WrongAudience_Returns401()
    {
        // Arrange
        var identity = await DevIdentityAsync();
        var issuer = fixture.GetService<TokenIssuer>();
        var control = issuer.Issue(identity, fixture.Server.Resource).AccessToken;
        var token = issuer.Issue(identity, "https://localhost:1").AccessToken;

        // Act
        using var accepted = await SendWithAsync(control);
        using var response = await SendWithAsync(token);

        // Assert
        await Wire.AssertJsonAsync(accepted);
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Theory]
    [InlineData("https://localhost")]
    [InlineData("https://vault.azure.net")]
    [InlineData("https://dev.localhost:{port}")]
    public async Task OtherAudiences_Return401(string audience)
    {
        // Arrange
        var identity = await DevIdentityAsync();
        var token = fixture.GetService<TokenIssuer>().Issue(identity, audience.Replace("{port}", fixture.Server.Port.ToString(), StringComparison.Ordinal)).AccessToken;

        // Act
        using var response = await SendWithAsync(token);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Fact]
    public async Task WrongIssuer_Returns401()
    {
        // Arrange: the server's own signing key and tenant, another issuer.
        var authority = fixture.GetService<TokenAuthority>();
        var identity = await DevIdentityAsync();
        var control = Issue(authority, TimeProvider.System, identity);
        var token = Issue(authority with { Issuer = $"https://login.microsoftonline.com/{authority.TenantId:D}/v2.0" }, TimeProvider.System, identity);

        // Act
        using var accepted = await SendWithAsync(control);
        using var response = await SendWithAsync(token);

        // Assert
        await Wire.AssertJsonAsync(accepted);
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Fact]
    public async Task Expired_Returns401()
    {
        // Arrange: issued so long ago that exp plus the 5-minute skew has passed.
        var authority = fixture.GetService<TokenAuthority>();
        var issuedAt = DateTimeOffset.UtcNow - authority.Lifetime - TimeSpan.FromMinutes(6);
        var token = Issue(authority, new FakeTimeProvider(issuedAt), await DevIdentityAsync());

        // Act
        using var response = await SendWithAsync(token);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Fact]
    public async Task ExpiredWithinClockSkew_IsAccepted()
    {
        // Arrange: exp was 3 minutes ago, inside the 5-minute skew.
        var authority = fixture.GetService<TokenAuthority>();
        var issuedAt = DateTimeOffset.UtcNow - authority.Lifetime - TimeSpan.FromMinutes(3);
        var token = Issue(authority, new FakeTimeProvider(issuedAt), await DevIdentityAsync());

        // Act
        using var response = await SendWithAsync(token);

        // Assert
        await Wire.AssertJsonAsync(response);
    }

    [Fact]
    public async Task NotYetValid_Returns401()
    {
        // Arrange: nbf an hour ahead, well past the skew.
        var token = Issue(fixture.GetService<TokenAuthority>(), new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(1)), await DevIdentityAsync());

        // Act
        using var response = await SendWithAsync(token);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("..")]
    [InlineData("a.b.c")]
    [InlineData("a.b")]
    [InlineData("e30.e30.")]
    [InlineData("e30.e30.e30.e30")]
    [InlineData("!!!.???.***")]
    public async Task Malformed_Returns401(string token)
    {
        // Act
        using var response = await SendWithAsync(token);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Fact]
    public async Task RealTokenWithExtraSegment_Returns401()
    {
        // Act
        using var response = await SendWithAsync(fixture.Token + ".e30");

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Fact]
    public async Task IdentityWithoutRole_Returns403ForbiddenByRbac()
    {
        // Arrange
        var (identity, credential) = await fixture.GetService<IdentityService>().CreateAsync(Names.Unique("noaccess"), TestContext.Current.CancellationToken);
        var token = await fixture.Server.GetTokenAsync(credential);

        // Act
        using var response = await SendWithAsync(token);

        // Assert
        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.Forbidden, "Forbidden", "ForbiddenByRbac");
        Assert.Contains(identity.PrincipalId.ToString("D"), message, StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.Contains("WWW-Authenticate"));
    }

    [Fact]
    public async Task IdentityWithoutRole_CannotSetSecret()
    {
        // Arrange
        var (_, credential) = await fixture.GetService<IdentityService>().CreateAsync(Names.Unique("noaccess"), TestContext.Current.CancellationToken);
        var token = await fixture.Server.GetTokenAsync(credential);
        var name = Names.Unique("rbac");
        using var request = fixture.RequestAs(token, HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody("value"));

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.Forbidden, "Forbidden", "ForbiddenByRbac");
        await fixture.AssertSecretAbsentAsync(name);
    }

    private async Task<HttpResponseMessage> SendWithAsync(string token)
    {
        using var request = fixture.RequestAs(token, HttpMethod.Get, ReadPath);
        return await fixture.SendAsync(request);
    }

    private async Task<string> GetFreshTokenAsync() => await fixture.Server.GetTokenAsync();

    private async Task<ManagedIdentity> DevIdentityAsync() =>
        await fixture.GetService<IdentityService>().FindAsync("dev", TestContext.Current.CancellationToken) ?? throw new InvalidOperationException("No identity 'dev'.");

    private string Issue(TokenAuthority authority, TimeProvider time, ManagedIdentity identity) =>
        new TokenIssuer(fixture.GetService<SigningKeyRing>(), authority, time).Issue(identity, fixture.Server.Resource).AccessToken;
}
