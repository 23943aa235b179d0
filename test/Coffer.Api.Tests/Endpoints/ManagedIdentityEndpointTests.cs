using System.Net;
using System.Text.Json;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Identity;

namespace Coffer.Api.Tests.Endpoints;

/// <summary>
/// The App Service managed-identity protocol (real-clients.md §2.1): plain HTTP on the identity port,
/// <c>GET ?api-version=2019-08-01&amp;resource=…</c> with <c>X-IDENTITY-HEADER</c>.
/// </summary>
public sealed class ManagedIdentityEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly HttpClient _http = new();

    [Fact]
    public async Task Get_AppServiceProtocol_Returns200WithTokenResponse()
    {
        // Arrange
        var resource = fixture.Server.Resource;
        var dev = await DevIdentityAsync();

        // Act
        using var response = await GetAsync(resource, fixture.Server.IdentityHeader);

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Subset(Wire.PropertyNames(body).ToHashSet(), new HashSet<string> { "access_token", "client_id", "expires_on", "resource", "token_type" });
        Assert.Equal(JsonValueKind.String, body.GetProperty("access_token").ValueKind);
        Assert.Equal(JsonValueKind.String, body.GetProperty("expires_on").ValueKind);
        Assert.Matches("^[0-9]+$", body.GetProperty("expires_on").GetString());
        Assert.Equal(resource, body.GetProperty("resource").GetString());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(dev.ClientId.ToString("D"), body.GetProperty("client_id").GetString());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("/.default")]
    public async Task Get_ResourceForms_AreAcceptedAndEchoed(string suffix)
    {
        // Arrange
        var resource = fixture.Server.Resource + suffix;

        // Act
        using var response = await GetAsync(resource, fixture.Server.IdentityHeader);

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(resource, body.GetProperty("resource").GetString());
        var payload = Jwt.Parse(body.GetProperty("access_token").GetString()!).Payload; // a 200 always carries a token
        Assert.Equal(fixture.Server.Resource, payload["aud"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_TokenFromEveryResourceForm_OpensTheVault()
    {
        // Arrange
        using var response = await GetAsync(fixture.Server.Resource + "/.default", fixture.Server.IdentityHeader);
        var token = (await Wire.AssertJsonAsync(response)).GetProperty("access_token").GetString();
        using var request = fixture.RequestAs(token, HttpMethod.Get, $"/secrets?api-version={ServerFixture.ApiVersion}");

        // Act
        using var vault = await fixture.SendAsync(request);

        // Assert
        await Wire.AssertJsonAsync(vault);
    }

    [Fact]
    public async Task Get_MissingIdentityHeader_Returns401()
    {
        // Act
        using var response = await GetAsync(fixture.Server.Resource, identityHeader: null);

        // Assert
        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Get_WrongIdentityHeader_Returns401(string header)
    {
        // Act
        using var response = await GetAsync(fixture.Server.Resource, header);

        // Assert
        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("https://vault.azure.net")]
    [InlineData("https://management.azure.com/")]
    [InlineData("https://localhost:1")]
    [InlineData("https://localhost")]
    [InlineData("https://dev.localhost:{port}")]
    [InlineData("http://localhost:{port}")]
    public async Task Get_OtherResource_Returns400(string resource)
    {
        // Act
        using var response = await GetAsync(resource.Replace("{port}", fixture.Server.Port.ToString(), StringComparison.Ordinal), fixture.Server.IdentityHeader);

        // Assert
        await AssertRefusedAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Get_MissingResource_Returns400()
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{fixture.Server.IdentityEndpoint}?api-version=2019-08-01");
        request.Headers.Add("X-IDENTITY-HEADER", fixture.Server.IdentityHeader);

        // Act
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        // Assert
        await AssertRefusedAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Get_ClientIdOfAnotherIdentity_Returns400()
    {
        // Arrange
        var (other, _) = await fixture.GetService<IdentityService>().CreateAsync(Names.Unique("other"), TestContext.Current.CancellationToken);

        // Act
        using var response = await GetAsync(fixture.Server.Resource, fixture.Server.IdentityHeader, $"&client_id={other.ClientId:D}");

        // Assert
        await AssertRefusedAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Get_PrincipalIdOfAnotherIdentity_Returns400()
    {
        // Arrange
        var (other, _) = await fixture.GetService<IdentityService>().CreateAsync(Names.Unique("other"), TestContext.Current.CancellationToken);

        // Act
        using var response = await GetAsync(fixture.Server.Resource, fixture.Server.IdentityHeader, $"&principal_id={other.PrincipalId:D}");

        // Assert
        await AssertRefusedAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Get_OwnClientId_Returns200()
    {
        // Arrange
        var dev = await DevIdentityAsync();

        // Act
        using var response = await GetAsync(fixture.Server.Resource, fixture.Server.IdentityHeader, $"&client_id={dev.ClientId:D}");

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(dev.ClientId.ToString("D"), body.GetProperty("client_id").GetString());
    }

    [Fact]
    public async Task Get_CredentialOfAnotherIdentity_IssuesThatIdentitysToken()
    {
        // Arrange
        var (other, credential) = await fixture.GetService<IdentityService>().CreateAsync(Names.Unique("other"), TestContext.Current.CancellationToken);

        // Act
        using var response = await GetAsync(fixture.Server.Resource, credential);

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(other.ClientId.ToString("D"), body.GetProperty("client_id").GetString());
        var payload = Jwt.Parse(body.GetProperty("access_token").GetString()!).Payload; // a 200 always carries a token
        Assert.Equal(other.PrincipalId.ToString("D"), payload["oid"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("mi_res_id")]
    [InlineData("msi_res_id")]
    public async Task Get_OwnResourceId_Returns200(string parameter)
    {
        // Arrange
        var dev = await DevIdentityAsync();
        var resourceId = fixture.GetService<IdentityService>().ResourceIdOf(dev);

        // Act
        using var response = await GetAsync(fixture.Server.Resource, fixture.Server.IdentityHeader, $"&{parameter}={Uri.EscapeDataString(resourceId)}");

        // Assert
        var payload = Jwt.Parse((await Wire.AssertJsonAsync(response)).GetProperty("access_token").GetString()!).Payload; // a 200 always carries a token
        Assert.Equal(resourceId, payload["xms_mirid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_ResourceIdOfAnotherIdentity_Returns400()
    {
        // Arrange
        var (other, _) = await fixture.GetService<IdentityService>().CreateAsync(Names.Unique("other"), TestContext.Current.CancellationToken);

        // Act
        using var response = await GetAsync(fixture.Server.Resource, fixture.Server.IdentityHeader, $"&mi_res_id={Uri.EscapeDataString(fixture.GetService<IdentityService>().ResourceIdOf(other))}");

        // Assert
        await AssertRefusedAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Get_AzureMlSecretHeaderWithOwnClientId_Returns200()
    {
        // Arrange: MSI_ENDPOINT + MSI_SECRET (Azure ML) sends api-version 2017-09-01, clientid, and the header "secret".
        var dev = await DevIdentityAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"{fixture.Server.IdentityEndpoint}?api-version=2017-09-01&resource={Uri.EscapeDataString(fixture.Server.Resource)}&clientid={dev.ClientId:D}");
        request.Headers.Add("secret", fixture.Server.IdentityHeader);

        // Act
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(dev.ClientId.ToString("D"), body.GetProperty("client_id").GetString());
        Assert.Matches("^[0-9]+$", body.GetProperty("expires_on").GetString());
    }

    [Fact]
    public async Task Get_AzureMlClientIdOfAnotherIdentity_Returns400()
    {
        // Arrange
        var (other, _) = await fixture.GetService<IdentityService>().CreateAsync(Names.Unique("other"), TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"{fixture.Server.IdentityEndpoint}?api-version=2017-09-01&resource={Uri.EscapeDataString(fixture.Server.Resource)}&clientid={other.ClientId:D}");
        request.Headers.Add("secret", fixture.Server.IdentityHeader);

        // Act
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        // Assert
        await AssertRefusedAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Token_IsRs256JwtWithClaims()
    {
        // Arrange
        var dev = await DevIdentityAsync();
        var authority = fixture.GetService<TokenAuthority>();

        // Act
        using var response = await GetAsync(fixture.Server.Resource, fixture.Server.IdentityHeader);

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        var (header, payload, signature) = Jwt.Parse(body.GetProperty("access_token").GetString()!); // a 200 always carries a token
        Assert.Equal("RS256", header["alg"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(header["kid"]?.GetValue<string>()));
        Assert.True(fixture.GetService<SigningKeyRing>().TryGetVerificationKey(header["kid"]!.GetValue<string>(), out _));
        Assert.NotEmpty(Jwt.Base64UrlDecode(signature));
        Assert.Equal(authority.Issuer, payload["iss"]!.GetValue<string>());
        Assert.Equal(fixture.Server.Resource, payload["aud"]!.GetValue<string>());
        Assert.Equal(authority.TenantId.ToString("D"), payload["tid"]!.GetValue<string>());
        Assert.Equal(dev.PrincipalId.ToString("D"), payload["oid"]!.GetValue<string>());
        Assert.Equal(dev.ClientId.ToString("D"), payload["appid"]!.GetValue<string>());
        var exp = Jwt.Seconds(payload, "exp");
        var nbf = Jwt.Seconds(payload, "nbf");
        var iat = Jwt.Seconds(payload, "iat");
        Assert.Equal(body.GetProperty("expires_on").GetString(), exp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(nbf <= iat && iat < exp, $"nbf={nbf} iat={iat} exp={exp}");
        Assert.InRange(iat, DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Get_OnHttpsPort_Returns404ErrorWithoutToken()
    {
        // Arrange: the identity endpoint is served on the identity port only.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{fixture.Server.Resource}/msi/token?api-version=2019-08-01&resource={Uri.EscapeDataString(fixture.Server.Resource)}");
        request.Headers.Add("X-IDENTITY-HEADER", fixture.Server.IdentityHeader);

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("access_token", body, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"NotFound\"", body, StringComparison.Ordinal);
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> GetAsync(string resource, string? identityHeader, string extraQuery = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{fixture.Server.IdentityEndpoint}?api-version=2019-08-01&resource={Uri.EscapeDataString(resource)}{extraQuery}");
        if (identityHeader is not null)
        {
            request.Headers.Add("X-IDENTITY-HEADER", identityHeader);
        }

        return await _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.DoesNotContain("access_token", text, StringComparison.Ordinal);
        Wire.AssertJsonContentType(response);
        using var document = JsonDocument.Parse(text);
        Assert.False(string.IsNullOrEmpty(document.RootElement.GetProperty("error").GetString()));
    }

    private async Task<ManagedIdentity> DevIdentityAsync() =>
        await fixture.GetService<IdentityService>().FindAsync("dev", TestContext.Current.CancellationToken) ?? throw new InvalidOperationException("No identity 'dev'.");
}
