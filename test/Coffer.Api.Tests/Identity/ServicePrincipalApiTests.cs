using System.Net;
using System.Text.Json.Nodes;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Authorization;

namespace Coffer.Api.Tests.Identity;

/// <summary>
/// The Graph-shaped service-principal API on the bare host: shapes, filters, the object id or the app id as {id},
/// errors that write nothing, and authentication and authorization of the caller.
/// </summary>
public sealed class ServicePrincipalApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Collection = "/v1.0/servicePrincipals";

    [Fact]
    public async Task Create_NewName_Returns201WithGraphShape()
    {
        // Arrange
        var admin = await fixture.AdminTokenAsync();
        var name = Names.Unique("Build");

        // Act
        using var response = await fixture.SendBareAsync(HttpMethod.Post, Collection, admin, new JsonObject { ["displayName"] = name }.ToJsonString());

        // Assert
        var body = await Wire.AssertJsonAsync(response, HttpStatusCode.Created);
        Assert.Equal(["appId", "displayName", "id", "passwordCredentials", "servicePrincipalType"], Wire.PropertyNames(body));
        Assert.Equal(name, body.GetProperty("displayName").GetString());
        Assert.Equal("Application", body.GetProperty("servicePrincipalType").GetString());
        Assert.True(Guid.TryParseExact(body.GetProperty("id").GetString(), "D", out var objectId));
        Assert.True(Guid.TryParseExact(body.GetProperty("appId").GetString(), "D", out var appId));
        Assert.NotEqual(objectId, appId);
        Assert.Equal(0, body.GetProperty("passwordCredentials").GetArrayLength());
        Assert.EndsWith($"/v1.0/servicePrincipals/{objectId:D}", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_NameTakenInOtherCasing_Returns409Conflict()
    {
        // Arrange
        var admin = await fixture.AdminTokenAsync();
        var name = Names.Unique("taken");
        await fixture.CreateServicePrincipalAsync(admin, name);

        // Act
        using var response = await fixture.SendBareAsync(HttpMethod.Post, Collection, admin, new JsonObject { ["displayName"] = name.ToUpperInvariant() }.ToJsonString());

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.Conflict, "Conflict");
        using var list = await fixture.SendBareAsync(HttpMethod.Get, $"{Collection}?$filter=displayName eq '{name}'", admin);
        Assert.Equal(1, (await Wire.AssertJsonAsync(list)).GetProperty("value").GetArrayLength());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"displayName":""}""")]
    [InlineData("""{"displayName":"   "}""")]
    [InlineData("""{"displayName":42}""")]
    [InlineData("not json")]
    public async Task Create_BadBody_Returns400BadRequest(string json)
    {
        // Arrange
        var admin = await fixture.AdminTokenAsync();

        // Act
        using var response = await fixture.SendBareAsync(HttpMethod.Post, Collection, admin, json);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "Request_BadRequest");
    }

    [Fact]
    public async Task Get_ByObjectIdAndByAppId_ReturnsTheSamePrincipalWithoutSecrets()
    {
        // Arrange
        var admin = await fixture.AdminTokenAsync();
        var (objectId, appId, secret, keyId) = await fixture.CreateWithSecretAsync(admin);

        // Act
        using var byObject = await fixture.SendBareAsync(HttpMethod.Get, $"{Collection}/{objectId}", admin);
        using var byApp = await fixture.SendBareAsync(HttpMethod.Get, $"{Collection}/{appId}", admin);

        // Assert
        var first = await Wire.AssertJsonAsync(byObject);
        var second = await Wire.AssertJsonAsync(byApp);
        Assert.Equal(first.GetRawText(), second.GetRawText());
        var password = Assert.Single(first.GetProperty("passwordCredentials").EnumerateArray());
        Assert.Equal(["displayName", "endDateTime", "hint", "keyId", "startDateTime"], Wire.PropertyNames(password));
        Assert.Equal(keyId, password.GetProperty("keyId").GetString());
        Assert.Equal(secret[..3], password.GetProperty("hint").GetString());
        Assert.DoesNotContain(secret, first.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FilterByDisplayNameAndByAppId_ReturnsOnlyThatPrincipal()
    {
        // Arrange
        var admin = await fixture.AdminTokenAsync();
        var name = Names.Unique("o'brien");
        var created = await fixture.CreateServicePrincipalAsync(admin, name);
        await fixture.CreateServicePrincipalAsync(admin, Names.Unique("other"));
        var appId = created.GetProperty("appId").GetString();

        // Act
        using var byName = await fixture.SendBareAsync(HttpMethod.Get, $"{Collection}?$filter={Uri.EscapeDataString($"displayName eq '{name.Replace("'", "''", StringComparison.Ordinal)}'")}", admin);
        using var byApp = await fixture.SendBareAsync(HttpMethod.Get, $"{Collection}?$filter={Uri.EscapeDataString($"appId eq '{appId}'")}", admin);
        using var none = await fixture.SendBareAsync(HttpMethod.Get, $"{Collection}?$filter={Uri.EscapeDataString("displayName eq 'no-such-name'")}", admin);
        using var all = await fixture.SendBareAsync(HttpMethod.Get, Collection, admin);

        // Assert
        Assert.Equal(appId, Assert.Single((await Wire.AssertJsonAsync(byName)).GetProperty("value").EnumerateArray()).GetProperty("appId").GetString());
        Assert.Equal(name, Assert.Single((await Wire.AssertJsonAsync(byApp)).GetProperty("value").EnumerateArray()).GetProperty("displayName").GetString());
        Assert.Equal(0, (await Wire.AssertJsonAsync(none)).GetProperty("value").GetArrayLength());
        var names = (await Wire.AssertJsonAsync(all)).GetProperty("value").EnumerateArray().Select(p => p.GetProperty("displayName").GetString()).ToList();
        Assert.Contains(name, names);
        Assert.Contains("coffer-admin", names);
    }

    [Fact]
    public async Task List_UnsupportedFilter_Returns400()
    {
        // Arrange
        var admin = await fixture.AdminTokenAsync();

        // Act
        using var response = await fixture.SendBareAsync(HttpMethod.Get, $"{Collection}?$filter={Uri.EscapeDataString("startswith(displayName,'a')")}", admin);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "Request_UnsupportedQuery");
    }

    [Fact]
    public async Task AddPassword_Returns200WithSecretShownOnce()
    {
        // Arrange
        var admin = await fixture.AdminTokenAsync();
        var created = await fixture.CreateServicePrincipalAsync(admin, Names.Unique("pw"));
        var id = created.GetProperty("id").GetString();
        var end = DateTimeOffset.UtcNow.AddDays(30);
        var json = new JsonObject { ["passwordCredential"] = new JsonObject { ["displayName"] = "ci", ["endDateTime"] = end.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'") } }.ToJsonString();

        // Act
        using var response = await fixture.SendBareAsync(HttpMethod.Post, $"{Collection}/{id}/addPassword", admin, json);

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(["displayName", "endDateTime", "hint", "keyId", "secretText", "startDateTime"], Wire.PropertyNames(body));
        var secret = body.GetProperty("secretText").GetString()!;
        Assert.Matches("^[A-Za-z0-9_-]{43}$", secret);
        Assert.Equal(secret[..3], body.GetProperty("hint").GetString());
        Assert.Equal("ci", body.GetProperty("displayName").GetString());
        Assert.Equal(end.ToUnixTimeSeconds(), body.GetProperty("endDateTime").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", body.GetProperty("startDateTime").GetString());
        await fixture.ClientTokenAsync(created.GetProperty("appId").GetString()!, secret);
    }

    [Fact]
    public async Task AddPassword_NoEndDate_LastsOneYear()
    {
        // Arrange
        var admin = await fixture.AdminTokenAsync();
        var id = (await fixture.CreateServicePrincipalAsync(admin, Names.Unique("pw"))).GetProperty("id").GetString();

        // Act
        using var response = await fixture.SendBareAsync(HttpMethod.Post, $"{Collection}/{id}/addPassword", admin, "{}");

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        var lifetime = body.GetProperty("endDateTime").GetDateTimeOffset() - body.GetProperty("startDateTime").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromDays(365), lifetime);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2 * 365 + 1)]
    public async Task AddPassword_EndInPastOrBeyondTwoYears_Returns400AndAddsNothing(int days)
    {
        // Arrange
        var admin = await fixture.AdminTokenAsync();
        var id = (await fixture.CreateServicePrincipalAsync(admin, Names.Unique("pw"))).GetProperty("id").GetString();
        var json = new JsonObject { ["passwordCredential"] = new JsonObject { ["endDateTime"] = DateTimeOffset.UtcNow.AddDays(days).ToString("O") } }.ToJsonString();

        // Act
        using var response = await fixture.SendBareAsync(HttpMethod.Post, $"{Collection}/{id}/addPassword", admin, json);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "Request_BadRequest");
        using var get = await fixture.SendBareAsync(HttpMethod.Get, $"{Collection}/{id}", admin);
        Assert.Equal(0, (await Wire.AssertJsonAsync(get)).GetProperty("passwordCredentials").GetArrayLength());
    }

    [Fact]
    public async Task RemovePassword_Returns204AndTheSecretNoLongerSignsIn()
    {
        // Arrange
        var admin = await fixture.AdminTokenAsync();
        var (objectId, appId, secret, keyId) = await fixture.CreateWithSecretAsync(admin);

        // Act
        using var response = await fixture.SendBareAsync(HttpMethod.Post, $"{Collection}/{appId}/removePassword", admin, new JsonObject { ["keyId"] = keyId }.ToJsonString());

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var token = await fixture.PostFormAsync(fixture.V2TokenPath(), fixture.ClientCredentials(appId, secret));
        await IdentityCalls.AssertEntraErrorAsync(token, HttpStatusCode.Unauthorized, "invalid_client", 7000215);
        using var again = await fixture.SendBareAsync(HttpMethod.Post, $"{Collection}/{objectId}/removePassword", admin, new JsonObject { ["keyId"] = keyId }.ToJsonString());
        await Wire.AssertErrorAsync(again, HttpStatusCode.NotFound, "Request_ResourceNotFound");
    }

    [Fact]
    public async Task Delete_Returns204ThenNotFoundAndTheClientIsUnknown()
    {
        // Arrange
        var admin = await fixture.AdminTokenAsync();
        var (objectId, appId, secret, _) = await fixture.CreateWithSecretAsync(admin);

        // Act
        using var response = await fixture.SendBareAsync(HttpMethod.Delete, $"{Collection}/{objectId}", admin);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var get = await fixture.SendBareAsync(HttpMethod.Get, $"{Collection}/{appId}", admin);
        await Wire.AssertErrorAsync(get, HttpStatusCode.NotFound, "Request_ResourceNotFound");
        using var again = await fixture.SendBareAsync(HttpMethod.Delete, $"{Collection}/{objectId}", admin);
        await Wire.AssertErrorAsync(again, HttpStatusCode.NotFound, "Request_ResourceNotFound");
        using var token = await fixture.PostFormAsync(fixture.V2TokenPath(), fixture.ClientCredentials(appId, secret));
        await IdentityCalls.AssertEntraErrorAsync(token, HttpStatusCode.BadRequest, "unauthorized_client", 700016);
    }

    [Fact]
    public async Task AnyCall_WithoutToken_Returns401WithArmChallenge()
    {
        // Act
        using var response = await fixture.SendBareAsync(HttpMethod.Get, Collection, token: null);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "AuthenticationFailed");
        Assert.Contains("authorization_uri=", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_CallerWithoutDirectoryRole_Returns403AndCreatesNothing()
    {
        // Arrange: a principal with data-plane rights only.
        var admin = await fixture.AdminTokenAsync();
        var (objectId, appId, secret, _) = await fixture.CreateWithSecretAsync(admin);
        await fixture.GetService<AccessEvaluator>().AssignAsync(Guid.Parse(objectId), BuiltInRoles.Administrator, "/", TestContext.Current.CancellationToken);
        var token = await fixture.ClientTokenAsync(appId, secret);
        var name = Names.Unique("escalate");

        // Act
        using var create = await fixture.SendBareAsync(HttpMethod.Post, Collection, token, new JsonObject { ["displayName"] = name }.ToJsonString());
        using var addToAdmin = await fixture.SendBareAsync(HttpMethod.Post, $"{Collection}/{fixture.Server.AdminClientId}/addPassword", token, "{}");
        using var list = await fixture.SendBareAsync(HttpMethod.Get, Collection, token);

        // Assert
        await Wire.AssertErrorAsync(create, HttpStatusCode.Forbidden, "AuthorizationFailed");
        await Wire.AssertErrorAsync(addToAdmin, HttpStatusCode.Forbidden, "AuthorizationFailed");
        await Wire.AssertErrorAsync(list, HttpStatusCode.Forbidden, "AuthorizationFailed");
        using var check = await fixture.SendBareAsync(HttpMethod.Get, $"{Collection}?$filter=displayName eq '{name}'", admin);
        Assert.Equal(0, (await Wire.AssertJsonAsync(check)).GetProperty("value").GetArrayLength());
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task Get_Unknown_Returns404(string id)
    {
        // Arrange
        var admin = await fixture.AdminTokenAsync();

        // Act
        using var response = await fixture.SendBareAsync(HttpMethod.Get, $"{Collection}/{id}", admin);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "Request_ResourceNotFound");
    }
}
