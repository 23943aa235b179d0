using System.Net;
using System.Text.Json;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Identity;

namespace Coffer.Api.Tests.Endpoints;

/// <summary>
/// The credential-less protocols on the identity port, which serve only identities assigned to the host
/// (<c>--imds-identity</c>): IMDS (<c>GET /metadata/identity/oauth2/token</c> with <c>Metadata: true</c>, and .NET's
/// header-less probe) and Cloud Shell (<c>POST /msi/cloudshell</c>, form <c>resource=</c>).
/// </summary>
public sealed class HostIdentityProtocolTests(HostIdentityServerFixture fixture) : IClassFixture<HostIdentityServerFixture>, IDisposable
{
    private readonly HttpClient _http = new();

    private string Imds => $"http://127.0.0.1:{fixture.Server.IdentityPort}/metadata/identity/oauth2/token";

    private string ResourceQuery => "api-version=2018-02-01&resource=" + Uri.EscapeDataString(fixture.Server.Resource);

    [Fact]
    public async Task Imds_MetadataAndClientId_Returns200WithTokenOfThatIdentity()
    {
        // Act
        using var response = await ImdsAsync($"?{ResourceQuery}&client_id={fixture.Two.ClientId:D}", metadata: true);

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(["access_token", "client_id", "expires_in", "expires_on", "resource", "token_type"], Wire.PropertyNames(body));
        Assert.Matches("^[0-9]+$", body.GetProperty("expires_on").GetString());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("expires_in").ValueKind);
        Assert.Equal(fixture.Server.Resource, body.GetProperty("resource").GetString());
        Assert.Equal(fixture.Two.ClientId.ToString("D"), body.GetProperty("client_id").GetString());
        var payload = Jwt.Parse(body.GetProperty("access_token").GetString()!).Payload; // a 200 always carries a token
        Assert.Equal(fixture.Two.PrincipalId.ToString("D"), payload["oid"]!.GetValue<string>());
        Assert.Equal(fixture.GetService<IdentityService>().ResourceIdOf(fixture.Two), payload["xms_mirid"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("object_id")]
    [InlineData("principal_id")]
    public async Task Imds_ObjectId_SelectsIdentity(string parameter)
    {
        // Act
        using var response = await ImdsAsync($"?{ResourceQuery}&{parameter}={fixture.One.PrincipalId:D}", metadata: true);

        // Assert
        Assert.Equal(fixture.One.ClientId.ToString("D"), (await Wire.AssertJsonAsync(response)).GetProperty("client_id").GetString());
    }

    [Theory]
    [InlineData("mi_res_id")]
    [InlineData("msi_res_id")]
    public async Task Imds_ResourceId_SelectsIdentity(string parameter)
    {
        // Arrange
        var resourceId = fixture.GetService<IdentityService>().ResourceIdOf(fixture.Two);

        // Act
        using var response = await ImdsAsync($"?{ResourceQuery}&{parameter}={Uri.EscapeDataString(resourceId.ToUpperInvariant())}", metadata: true);

        // Assert
        Assert.Equal(fixture.Two.ClientId.ToString("D"), (await Wire.AssertJsonAsync(response)).GetProperty("client_id").GetString());
    }

    [Fact]
    public async Task Imds_TrailingSlash_IsServed()
    {
        // Act: JavaScript appends a slash to the path.
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Imds}/?{ResourceQuery}&client_id={fixture.One.ClientId:D}");
        request.Headers.Add("Metadata", "true");
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        // Assert
        await Wire.AssertJsonAsync(response);
    }

    [Fact]
    public async Task Imds_DotNetProbeWithoutMetadata_Returns200WithToken()
    {
        // Arrange: what ImdsManagedIdentityProbeSource sends: no Metadata header, Azure.Core's client request id.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Imds}?{ResourceQuery}&client_id={fixture.One.ClientId:D}");
        request.Headers.Add("x-ms-client-request-id", Guid.NewGuid().ToString());
        request.Headers.Add("x-ms-return-client-request-id", "true");

        // Act
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("access_token").GetString()));
    }

    [Fact]
    public async Task Imds_PlainFetchWithoutMetadata_Returns400WithoutToken()
    {
        // Act: a plain URL fetch (what a server-side request forgery can do) sets neither header.
        using var response = await ImdsAsync($"?{ResourceQuery}&client_id={fixture.One.ClientId:D}", metadata: false);

        // Assert
        var error = await AssertRefusedAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("Required metadata header not specified", error);
    }

    [Fact]
    public async Task Imds_TwoAssignedAndNoSelector_Returns400()
    {
        // Act
        using var response = await ImdsAsync($"?{ResourceQuery}", metadata: true);

        // Assert
        var error = await AssertRefusedAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith("Multiple user assigned identities exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Imds_IdentityNotAssignedToHost_Returns400IdentityNotFound()
    {
        // Arrange: an identity with a credential, but not assigned to this host.
        var (other, _) = await fixture.GetService<IdentityService>().CreateAsync(Names.Unique("unassigned"), TestContext.Current.CancellationToken);

        // Act
        using var response = await ImdsAsync($"?{ResourceQuery}&client_id={other.ClientId:D}", metadata: true);

        // Assert
        Assert.Equal("Identity not found", await AssertRefusedAsync(response, HttpStatusCode.BadRequest));
    }

    [Theory]
    [InlineData("https://vault.azure.net")]
    [InlineData("")]
    public async Task Imds_OtherOrNoResource_Returns400(string resource)
    {
        // Act
        using var response = await ImdsAsync($"?api-version=2018-02-01&resource={Uri.EscapeDataString(resource)}&client_id={fixture.One.ClientId:D}", metadata: true);

        // Assert
        await AssertRefusedAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Imds_OnHttpsPort_Returns404WithoutToken()
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{fixture.Server.Resource}/metadata/identity/oauth2/token?{ResourceQuery}&client_id={fixture.One.ClientId:D}");
        request.Headers.Add("Metadata", "true");

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "NotFound");
    }

    [Fact]
    public async Task Imds_Token_OpensTheVault()
    {
        // Arrange
        using var response = await ImdsAsync($"?{ResourceQuery}&client_id={fixture.One.ClientId:D}", metadata: true);
        var token = (await Wire.AssertJsonAsync(response)).GetProperty("access_token").GetString()!; // a 200 always carries a token

        // Act
        using var read = await fixture.ReadWithTokenAsync(token);

        // Assert
        await Wire.AssertJsonAsync(read);
    }

    [Fact]
    public async Task CloudShell_FormWithMetadata_Returns200WithResourceEchoed()
    {
        // Arrange
        var resource = fixture.Server.Resource + "/";

        // Act
        using var response = await CloudShellAsync(new() { ["resource"] = resource, ["client_id"] = fixture.One.ClientId.ToString("D") }, metadata: true);

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(resource, body.GetProperty("resource").GetString());
        Assert.Equal(fixture.One.ClientId.ToString("D"), body.GetProperty("client_id").GetString());
        Assert.Matches("^[0-9]+$", body.GetProperty("expires_on").GetString());
    }

    [Fact]
    public async Task CloudShell_WithoutMetadata_Returns400()
    {
        // Act
        using var response = await CloudShellAsync(new() { ["resource"] = fixture.Server.Resource, ["client_id"] = fixture.One.ClientId.ToString("D") }, metadata: false);

        // Assert
        await AssertRefusedAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CloudShell_TwoAssignedAndNoSelector_Returns400()
    {
        // Act
        using var response = await CloudShellAsync(new() { ["resource"] = fixture.Server.Resource }, metadata: true);

        // Assert
        await AssertRefusedAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Delete_HostAssignedIdentity_RevokesItsImdsTokenAtOnce()
    {
        // Arrange: host-three is assigned to the host; created here so no other test depends on it.
        var identities = fixture.GetService<IdentityService>();
        var (three, _) = await identities.CreateOrUpdateAsync("hosts", "host-three", null, null, TestContext.Current.CancellationToken);
        await fixture.GetService<Coffer.Core.Authorization.AccessEvaluator>().AssignAsync(three.PrincipalId, Coffer.Core.Authorization.BuiltInRoles.SecretsUser, "/", TestContext.Current.CancellationToken);
        using var issued = await ImdsAsync($"?{ResourceQuery}&client_id={three.ClientId:D}", metadata: true);
        var token = (await Wire.AssertJsonAsync(issued)).GetProperty("access_token").GetString()!; // a 200 always carries a token
        using (var before = await fixture.ReadWithTokenAsync(token))
        {
            await Wire.AssertJsonAsync(before);
        }

        // Act
        using var deleted = await fixture.ManageAsync(HttpMethod.Delete, fixture.IdentityPath("hosts", "host-three"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        using var after = await fixture.ReadWithTokenAsync(token);
        await Wire.AssertChallengeAsync(after, fixture.Server);
        using var again = await ImdsAsync($"?{ResourceQuery}&client_id={three.ClientId:D}", metadata: true);
        await AssertRefusedAsync(again, HttpStatusCode.BadRequest);
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> ImdsAsync(string query, bool metadata)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Imds + query);
        if (metadata)
        {
            request.Headers.Add("Metadata", "true");
        }

        return await _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<HttpResponseMessage> CloudShellAsync(Dictionary<string, string> form, bool metadata)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{fixture.Server.IdentityPort}/msi/cloudshell") { Content = new FormUrlEncodedContent(form) };
        if (metadata)
        {
            request.Headers.Add("Metadata", "true");
        }

        return await _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Asserts an OAuth-style refusal without a token; returns its description.</summary>
    internal static async Task<string> AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.DoesNotContain("access_token", text, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(text);
        Assert.False(string.IsNullOrEmpty(document.RootElement.GetProperty("error").GetString()));
        return document.RootElement.GetProperty("error_description").GetString()!; // every refusal has one
    }
}
