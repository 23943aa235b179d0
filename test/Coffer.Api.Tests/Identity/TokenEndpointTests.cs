using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Identity;

namespace Coffer.Api.Tests.Identity;

/// <summary>
/// The client-credentials grant on the bare host, as MSAL sends it: the v2 tenant path and the ADFS-style path,
/// the secret in the body or in HTTP Basic, and each refusal in Entra's error shape with its AADSTS code.
/// </summary>
public sealed class TokenEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task V2Token_AdminSecret_ReturnsBearerTokenTheDataPlaneAccepts()
    {
        // Act
        using var response = await fixture.PostFormAsync(fixture.V2TokenPath(), fixture.ClientCredentials(fixture.Server.AdminClientId, fixture.Server.AdminClientSecret));

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(["access_token", "expires_in", "ext_expires_in", "token_type"], Wire.PropertyNames(body));
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.InRange(body.GetProperty("expires_in").GetInt64(), 3000, 3600);
        Assert.Equal(body.GetProperty("expires_in").GetInt64(), body.GetProperty("ext_expires_in").GetInt64());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var token = body.GetProperty("access_token").GetString()!;
        using var read = await fixture.ReadWithTokenAsync(token);
        await Wire.AssertJsonAsync(read);
    }

    [Fact]
    public async Task V2Token_Claims_NameTheAdminAndItsSecret()
    {
        // Act
        var token = await fixture.AdminTokenAsync();

        // Assert
        var (header, payload, _) = Jwt.Parse(token);
        Assert.Equal("RS256", (string?)header["alg"]);
        Assert.Equal(fixture.Server.Resource, (string?)payload["aud"]);
        Assert.Equal($"{fixture.Server.Resource}/{fixture.Server.TenantId:D}/v2.0", (string?)payload["iss"]);
        Assert.Equal(fixture.Server.TenantId.ToString("D"), (string?)payload["tid"]);
        Assert.Equal(fixture.Server.AdminClientId, (string?)payload["appid"]);
        Assert.Equal(fixture.Server.AdminClientId, (string?)payload["azp"]);
        Assert.Equal("1", (string?)payload["appidacr"]);
        Assert.Equal("app", (string?)payload["idtyp"]);
        Assert.Equal((string?)payload["oid"], (string?)payload["sub"]);
        Assert.NotEqual(fixture.Server.AdminClientId, (string?)payload["oid"]);
        Assert.True(Guid.TryParse((string?)payload[TokenIssuer.CredentialIdClaim], out _));
        Assert.False(string.IsNullOrEmpty((string?)payload["uti"]));
        Assert.Null(payload["xms_mirid"]);
    }

    [Fact]
    public async Task V2Token_SecretInBasicHeader_IsAccepted()
    {
        // Arrange: RFC 6749 §2.3.1, each part form-urlencoded, then base64.
        var form = fixture.ClientCredentials(fixture.Server.AdminClientId, fixture.Server.AdminClientSecret);
        form.Remove("client_id");
        form.Remove("client_secret");
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(fixture.Server.AdminClientId)}:{Uri.EscapeDataString(fixture.Server.AdminClientSecret)}"));

        // Act
        using var response = await fixture.PostFormAsync(fixture.V2TokenPath(), form, r => r.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic));

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
    }

    [Theory]
    [InlineData("scope", "{resource}/.default")]
    [InlineData("scope", "{resource}//.default")]
    [InlineData("resource", "{resource}")]
    [InlineData("resource", "{resource}/")]
    public async Task AdfsToken_ScopeOrV1Resource_IssuesTokenFromAdfsIssuer(string parameter, string value)
    {
        // Arrange
        var form = fixture.ClientCredentials(fixture.Server.AdminClientId, fixture.Server.AdminClientSecret);
        form.Remove("scope");
        form[parameter] = value.Replace("{resource}", fixture.Server.Resource, StringComparison.Ordinal);

        // Act
        using var response = await fixture.PostFormAsync("/adfs/oauth2/token", form);

        // Assert
        var token = (await Wire.AssertJsonAsync(response)).GetProperty("access_token").GetString()!;
        Assert.Equal(fixture.Server.Resource + "/adfs", (string?)Jwt.Parse(token).Payload["iss"]);
        using var read = await fixture.ReadWithTokenAsync(token);
        await Wire.AssertJsonAsync(read);
    }

    [Fact]
    public async Task V2Token_TenantInOtherCasing_IsAccepted()
    {
        // Act
        using var response = await fixture.PostFormAsync(fixture.V2TokenPath().ToUpperInvariant().Replace("OAUTH2/V2.0/TOKEN", "oauth2/v2.0/token", StringComparison.Ordinal),
            fixture.ClientCredentials(fixture.Server.AdminClientId, fixture.Server.AdminClientSecret));

        // Assert
        await Wire.AssertJsonAsync(response);
    }

    [Fact]
    public async Task V2Token_UnknownClient_Returns400UnauthorizedClient()
    {
        // Act
        using var response = await fixture.PostFormAsync(fixture.V2TokenPath(), fixture.ClientCredentials(Guid.NewGuid().ToString("D"), "whatever"));

        // Assert
        await IdentityCalls.AssertEntraErrorAsync(response, HttpStatusCode.BadRequest, "unauthorized_client", 700016);
    }

    [Fact]
    public async Task V2Token_ClientIdNotAGuid_Returns400UnauthorizedClientWithoutEchoingIt()
    {
        // Act
        using var response = await fixture.PostFormAsync(fixture.V2TokenPath(), fixture.ClientCredentials("pasted-secret-by-mistake", "whatever"));

        // Assert
        var description = await IdentityCalls.AssertEntraErrorAsync(response, HttpStatusCode.BadRequest, "unauthorized_client", 700016);
        Assert.DoesNotContain("pasted-secret-by-mistake", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task V2Token_WrongSecret_Returns401InvalidClient()
    {
        // Act
        using var response = await fixture.PostFormAsync(fixture.V2TokenPath(), fixture.ClientCredentials(fixture.Server.AdminClientId, fixture.Server.AdminClientSecret + "x"));

        // Assert
        var description = await IdentityCalls.AssertEntraErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", 7000215);
        Assert.DoesNotContain(fixture.Server.AdminClientSecret, description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task V2Token_MissingSecret_Returns401InvalidClient()
    {
        // Arrange
        var form = fixture.ClientCredentials(fixture.Server.AdminClientId, "");
        form.Remove("client_secret");

        // Act
        using var response = await fixture.PostFormAsync(fixture.V2TokenPath(), form);

        // Assert
        await IdentityCalls.AssertEntraErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", 7000216);
    }

    [Theory]
    [InlineData("https://vault.azure.net/.default")]
    [InlineData("https://localhost/.default")]
    [InlineData("https://dev.localhost:{port}/.default")]
    public async Task V2Token_OtherResource_Returns400InvalidResource(string scope)
    {
        // Arrange
        var form = fixture.ClientCredentials(fixture.Server.AdminClientId, fixture.Server.AdminClientSecret);
        form["scope"] = scope.Replace("{port}", fixture.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        // Act
        using var response = await fixture.PostFormAsync(fixture.V2TokenPath(), form);

        // Assert
        await IdentityCalls.AssertEntraErrorAsync(response, HttpStatusCode.BadRequest, "invalid_resource", 500011);
    }

    [Theory]
    [InlineData("{resource}/secrets.read")]
    [InlineData("{resource}/.default https://graph.microsoft.com/.default")]
    public async Task V2Token_ScopeNotOneDefault_Returns400InvalidScope(string scope)
    {
        // Arrange
        var form = fixture.ClientCredentials(fixture.Server.AdminClientId, fixture.Server.AdminClientSecret);
        form["scope"] = scope.Replace("{resource}", fixture.Server.Resource, StringComparison.Ordinal);

        // Act
        using var response = await fixture.PostFormAsync(fixture.V2TokenPath(), form);

        // Assert
        await IdentityCalls.AssertEntraErrorAsync(response, HttpStatusCode.BadRequest, "invalid_scope", 1002012);
    }

    [Fact]
    public async Task V2Token_V1ResourceInsteadOfScope_Returns400MissingScope()
    {
        // Arrange: resource= is the ADFS (v1) path's parameter; the v2 path needs scope.
        var form = fixture.ClientCredentials(fixture.Server.AdminClientId, fixture.Server.AdminClientSecret);
        form.Remove("scope");
        form["resource"] = fixture.Server.Resource;

        // Act
        using var response = await fixture.PostFormAsync(fixture.V2TokenPath(), form);

        // Assert
        await IdentityCalls.AssertEntraErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", 900144);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("authorization_code")]
    [InlineData("urn:ietf:params:oauth:grant-type:jwt-bearer")]
    public async Task V2Token_OtherGrant_Returns400UnsupportedGrantType(string grant)
    {
        // Arrange
        var form = fixture.ClientCredentials(fixture.Server.AdminClientId, fixture.Server.AdminClientSecret);
        form["grant_type"] = grant;

        // Act
        using var response = await fixture.PostFormAsync(fixture.V2TokenPath(), form);

        // Assert
        await IdentityCalls.AssertEntraErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_grant_type", 70003);
    }

    [Theory]
    [InlineData("common")]
    [InlineData("organizations")]
    [InlineData("00000000-0000-0000-0000-000000000001")]
    public async Task V2Token_UnknownTenant_Returns400InvalidRequest(string tenant)
    {
        // Act
        using var response = await fixture.PostFormAsync($"/{tenant}/oauth2/v2.0/token", fixture.ClientCredentials(fixture.Server.AdminClientId, fixture.Server.AdminClientSecret));

        // Assert
        await IdentityCalls.AssertEntraErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", 90002);
    }

    [Fact]
    public async Task V2Token_NotAForm_Returns400InvalidRequest()
    {
        // Arrange
        using var request = fixture.BareRequest(HttpMethod.Post, fixture.V2TokenPath(), token: null, json: """{"grant_type":"client_credentials"}""");

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        await IdentityCalls.AssertEntraErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", 900144);
    }

    [Fact]
    public async Task V2Token_ClientRequestId_IsTheCorrelationId()
    {
        // Arrange
        var correlation = Guid.NewGuid().ToString("D");

        // Act
        using var response = await fixture.PostFormAsync(fixture.V2TokenPath(), fixture.ClientCredentials(Guid.NewGuid().ToString("D"), "x"),
            r => r.Headers.Add("client-request-id", correlation));

        // Assert
        var body = await Wire.AssertJsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(correlation, body.GetProperty("correlation_id").GetString());
    }

    [Fact]
    public async Task V2Token_OnVaultHost_IsNotServed()
    {
        // Arrange: a valid token, so the data-plane gate lets the request reach routing.
        var form = fixture.ClientCredentials(fixture.Server.AdminClientId, fixture.Server.AdminClientSecret);
        using var request = fixture.Request(HttpMethod.Post, fixture.V2TokenPath() + "?api-version=" + ServerFixture.ApiVersion);
        request.Content = new FormUrlEncodedContent(form);

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "NotFound");
    }

    [Fact]
    public async Task V2Token_OnPlainHttpIdentityPort_IsNotServed()
    {
        // Arrange
        using var client = new HttpClient();
        using var content = new FormUrlEncodedContent(fixture.ClientCredentials(fixture.Server.AdminClientId, fixture.Server.AdminClientSecret));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{fixture.Server.IdentityPort}{fixture.V2TokenPath()}") { Content = content };
        request.Headers.Host = "localhost";

        // Act
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
