using System.Net;
using System.Security.Cryptography;
using System.Text;
using Coffer.Api.Tests.TestSupport;

namespace Coffer.Api.Tests.Identity;

/// <summary>OpenID discovery for both authorities, the JWKS that verifies issued tokens, and WebFinger.</summary>
public sealed class DiscoveryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task V2Configuration_NamesTheIssuerOfItsTokens()
    {
        // Arrange
        var tenant = fixture.Server.TenantId.ToString("D");
        var origin = fixture.Server.Resource;

        // Act
        using var response = await fixture.SendBareAsync(HttpMethod.Get, $"/{tenant}/v2.0/.well-known/openid-configuration", token: null);

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal($"{origin}/{tenant}/v2.0", body.GetProperty("issuer").GetString());
        Assert.Equal($"{origin}/{tenant}/oauth2/v2.0/token", body.GetProperty("token_endpoint").GetString());
        Assert.Equal($"{origin}/{tenant}/oauth2/v2.0/authorize", body.GetProperty("authorization_endpoint").GetString());
        Assert.Equal($"{origin}/{tenant}/discovery/v2.0/keys", body.GetProperty("jwks_uri").GetString());
        Assert.Contains("RS256", body.GetProperty("id_token_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("client_secret_post", body.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.NotEqual(0, body.GetProperty("response_types_supported").GetArrayLength());
        Assert.NotEqual(0, body.GetProperty("subject_types_supported").GetArrayLength());
        var token = await fixture.AdminTokenAsync();
        Assert.Equal(body.GetProperty("issuer").GetString(), (string?)Jwt.Parse(token).Payload["iss"]);
    }

    [Theory]
    [InlineData("/adfs/.well-known/openid-configuration")]
    [InlineData("/adfs/{tenant}/.well-known/openid-configuration")]
    public async Task AdfsConfiguration_TokenEndpointIssuesTokensFromItsIssuer(string path)
    {
        // Act
        using var response = await fixture.SendBareAsync(HttpMethod.Get, path.Replace("{tenant}", fixture.Server.TenantId.ToString("D"), StringComparison.Ordinal), token: null);

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        var issuer = body.GetProperty("issuer").GetString();
        Assert.Equal(fixture.Server.Resource + "/adfs", issuer);
        var tokenEndpoint = new Uri(body.GetProperty("token_endpoint").GetString()!); // asserted present by GetProperty
        Assert.Equal(fixture.Server.Resource + "/adfs/oauth2/token", tokenEndpoint.ToString());
        using var issued = await fixture.PostFormAsync(tokenEndpoint.AbsolutePath, fixture.ClientCredentials(fixture.Server.AdminClientId, fixture.Server.AdminClientSecret));
        var token = (await Wire.AssertJsonAsync(issued)).GetProperty("access_token").GetString()!;
        Assert.Equal(issuer, (string?)Jwt.Parse(token).Payload["iss"]);
    }

    [Fact]
    public async Task V2Configuration_UnknownTenant_Returns400()
    {
        // Act
        using var response = await fixture.SendBareAsync(HttpMethod.Get, $"/{Guid.NewGuid():D}/v2.0/.well-known/openid-configuration", token: null);

        // Assert
        await IdentityCalls.AssertEntraErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", 90002);
    }

    [Theory]
    [InlineData("/{tenant}/discovery/v2.0/keys")]
    [InlineData("/adfs/discovery/keys")]
    public async Task Jwks_PublicKeyVerifiesAnIssuedToken(string path)
    {
        // Arrange
        var token = await fixture.AdminTokenAsync();
        var (header, _, signature) = Jwt.Parse(token);

        // Act
        using var response = await fixture.SendBareAsync(HttpMethod.Get, path.Replace("{tenant}", fixture.Server.TenantId.ToString("D"), StringComparison.Ordinal), token: null);

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        var key = Assert.Single(body.GetProperty("keys").EnumerateArray(), k => k.GetProperty("kid").GetString() == (string?)header["kid"]);
        Assert.Equal(["alg", "e", "kid", "kty", "n", "use"], Wire.PropertyNames(key));
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = Jwt.Base64UrlDecode(key.GetProperty("n").GetString()!),
            Exponent = Jwt.Base64UrlDecode(key.GetProperty("e").GetString()!),
        });
        var signed = Encoding.ASCII.GetBytes(token[..token.LastIndexOf('.')]);
        Assert.True(rsa.VerifyData(signed, Jwt.Base64UrlDecode(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.DoesNotContain("\"d\"", body.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://localhost")]
    [InlineData("https://localhost:{port}")]
    public async Task WebFinger_OwnHost_IsATrustedRealm(string resource)
    {
        // Arrange: MSAL.NET's ADFS validation drops the port.
        resource = resource.Replace("{port}", fixture.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        // Act
        using var response = await fixture.SendBareAsync(HttpMethod.Get,
            $"/.well-known/webfinger?rel={Uri.EscapeDataString("http://schemas.microsoft.com/rel/trusted-realm")}&resource={Uri.EscapeDataString(resource)}", token: null);

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(resource, body.GetProperty("subject").GetString());
        var link = Assert.Single(body.GetProperty("links").EnumerateArray());
        Assert.Equal("http://schemas.microsoft.com/rel/trusted-realm", link.GetProperty("rel").GetString());
        Assert.Equal(resource, link.GetProperty("href").GetString());
    }

    [Theory]
    [InlineData("https://login.microsoftonline.com")]
    [InlineData("http://localhost")]
    [InlineData("")]
    public async Task WebFinger_OtherResource_Returns404(string resource)
    {
        // Act
        using var response = await fixture.SendBareAsync(HttpMethod.Get,
            $"/.well-known/webfinger?rel={Uri.EscapeDataString("http://schemas.microsoft.com/rel/trusted-realm")}&resource={Uri.EscapeDataString(resource)}", token: null);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "NotFound");
    }

    [Fact]
    public async Task Configuration_OnVaultHost_IsNotServed()
    {
        // Act: with a valid token and api-version, so only the host decides.
        using var response = await fixture.SendAsync(HttpMethod.Get, $"/adfs/.well-known/openid-configuration?api-version={ServerFixture.ApiVersion}");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "NotFound");
    }
}
