using System.Net;
using System.Text.Json;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Authorization;
using Coffer.Core.Identity;

namespace Coffer.Api.Tests.Endpoints;

/// <summary>
/// Managed identities as ARM resources on the bare host: the shapes Azure's Microsoft.ManagedIdentity returns,
/// ARM's status codes and errors (authentication and authorization: <see cref="UserAssignedIdentityAccessTests"/>).
/// </summary>
public sealed class UserAssignedIdentityWireTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Put_NewIdentity_Returns201WithArmShape()
    {
        // Arrange
        var name = Names.Unique("app");

        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Put, fixture.IdentityPath("Apps-RG", name), """{"location":"westeurope","tags":{"env":"test"}}""");

        // Assert
        var body = await Wire.AssertJsonAsync(response, HttpStatusCode.Created);
        Assert.Equal(["id", "location", "name", "properties", "tags", "type"], Wire.PropertyNames(body));
        Assert.Equal($"/subscriptions/{fixture.Subscription()}/resourceGroups/Apps-RG/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}", body.GetProperty("id").GetString());
        Assert.Equal(name, body.GetProperty("name").GetString());
        Assert.Equal("Microsoft.ManagedIdentity/userAssignedIdentities", body.GetProperty("type").GetString());
        Assert.Equal("westeurope", body.GetProperty("location").GetString());
        Assert.Equal("test", body.GetProperty("tags").GetProperty("env").GetString());
        var properties = body.GetProperty("properties");
        Assert.Equal(["clientId", "principalId", "tenantId"], Wire.PropertyNames(properties));
        Assert.Equal(fixture.GetService<TokenAuthority>().TenantId.ToString("D"), properties.GetProperty("tenantId").GetString());
        var stored = await fixture.GetService<IdentityService>().FindAsync(name, TestContext.Current.CancellationToken);
        Assert.NotNull(stored);
        Assert.Equal(stored.PrincipalId.ToString("D"), properties.GetProperty("principalId").GetString());
        Assert.Equal(stored.ClientId.ToString("D"), properties.GetProperty("clientId").GetString());
    }

    [Fact]
    public async Task Put_NoLocation_DefaultsToLocal()
    {
        // Act
        var body = await fixture.CreateIdentityAsync("rg", Names.Unique("app"));

        // Assert
        Assert.Equal("local", body.GetProperty("location").GetString());
        Assert.Empty(body.GetProperty("tags").EnumerateObject());
    }

    [Fact]
    public async Task Put_Existing_Returns200AndReplacesTagsKeepingIds()
    {
        // Arrange
        var name = Names.Unique("app");
        var created = await fixture.CreateIdentityAsync("rg", name, """{"tags":{"a":"1"}}""");

        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Put, fixture.IdentityPath("RG", name), """{"location":"LOCAL","tags":{"b":"2"}}""");

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(["b"], body.GetProperty("tags").EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(created.GetProperty("properties").GetProperty("principalId").GetString(), body.GetProperty("properties").GetProperty("principalId").GetString());
    }

    [Fact]
    public async Task Put_OtherLocationForExisting_Returns409InvalidResourceLocation()
    {
        // Arrange
        var name = Names.Unique("app");
        await fixture.CreateIdentityAsync("rg", name);

        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Put, fixture.IdentityPath("rg", name), """{"location":"eastus"}""");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.Conflict, "InvalidResourceLocation");
    }

    [Fact]
    public async Task Put_NameTakenInOtherResourceGroup_Returns409()
    {
        // Arrange: names are unique per deployment.
        var name = Names.Unique("app");
        await fixture.CreateIdentityAsync("first", name);

        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Put, fixture.IdentityPath("second", name), "{}");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.Conflict, "Conflict");
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("-starts-with-hyphen")]
    [InlineData("_underscore-first")]
    [InlineData("has.dot")]
    [InlineData("has%20space")]
    public async Task Put_InvalidName_Returns400InvalidResourceName(string name)
    {
        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Put, fixture.IdentityPath("rg", name), "{}");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "InvalidResourceName");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("9_Under_score-and-hyphen")]
    public async Task Put_ValidEdgeNames_Returns201(string prefix)
    {
        // Arrange: 128 characters is the longest name Azure allows.
        var name = (prefix + Guid.NewGuid().ToString("N")).PadRight(128, 'x');

        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Put, fixture.IdentityPath("rg", name), "{}");

        // Assert
        await Wire.AssertJsonAsync(response, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Put_NameOf129Characters_Returns400()
    {
        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Put, fixture.IdentityPath("rg", new string('a', 129)), "{}");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "InvalidResourceName");
    }

    [Fact]
    public async Task Put_MalformedBody_Returns400InvalidRequestContent()
    {
        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Put, fixture.IdentityPath("rg", Names.Unique("app")), """{"tags":["not","an","object"]}""");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "InvalidRequestContent");
    }

    [Fact]
    public async Task Get_Existing_ReturnsSameAsPut()
    {
        // Arrange
        var name = Names.Unique("app");
        var created = await fixture.CreateIdentityAsync("rg", name);

        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Get, fixture.IdentityPath("RG", name));

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(created.GetRawText(), body.GetRawText());
    }

    [Fact]
    public async Task Get_Missing_Returns404ResourceNotFound()
    {
        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Get, fixture.IdentityPath("rg", Names.Unique("ghost")));

        // Assert
        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "ResourceNotFound");
        Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities/", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ExistingInOtherResourceGroup_Returns404()
    {
        // Arrange
        var name = Names.Unique("app");
        await fixture.CreateIdentityAsync("home", name);

        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Get, fixture.IdentityPath("elsewhere", name));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Fact]
    public async Task Get_UnknownSubscription_Returns404SubscriptionNotFound()
    {
        // Arrange
        var path = fixture.IdentityPath("rg", "whatever").Replace(fixture.Subscription(), Guid.NewGuid().ToString("D"), StringComparison.Ordinal);

        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Get, path);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "SubscriptionNotFound");
    }

    [Fact]
    public async Task Get_NoApiVersion_Returns400MissingApiVersionParameter()
    {
        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Get, fixture.IdentityPath("rg", "whatever", apiVersion: null));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "MissingApiVersionParameter");
    }

    [Fact]
    public async Task Get_UnsupportedApiVersion_Returns400NoRegisteredProviderFound()
    {
        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Get, fixture.IdentityPath("rg", "whatever", apiVersion: "7.6"));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "NoRegisteredProviderFound");
    }

    [Fact]
    public async Task Patch_Tags_ReplacesTagsOnly()
    {
        // Arrange
        var name = Names.Unique("app");
        await fixture.CreateIdentityAsync("rg", name, """{"location":"northeurope","tags":{"a":"1"}}""");

        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Patch, fixture.IdentityPath("rg", name), """{"tags":{"c":"3"}}""");

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal("northeurope", body.GetProperty("location").GetString());
        Assert.Equal("3", body.GetProperty("tags").GetProperty("c").GetString());
        Assert.False(body.GetProperty("tags").TryGetProperty("a", out _));
    }

    [Fact]
    public async Task Patch_Missing_Returns404()
    {
        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Patch, fixture.IdentityPath("rg", Names.Unique("ghost")), """{"tags":{}}""");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Fact]
    public async Task Delete_Existing_Returns200ThenGetIs404AndSecondDeleteIs204()
    {
        // Arrange
        var name = Names.Unique("app");
        await fixture.CreateIdentityAsync("rg", name);

        // Act
        using var deleted = await fixture.ManageAsync(HttpMethod.Delete, fixture.IdentityPath("rg", name));
        using var get = await fixture.ManageAsync(HttpMethod.Get, fixture.IdentityPath("rg", name));
        using var again = await fixture.ManageAsync(HttpMethod.Delete, fixture.IdentityPath("rg", name));

        // Assert
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        await Wire.AssertErrorAsync(get, HttpStatusCode.NotFound, "ResourceNotFound");
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
    }

    [Fact]
    public async Task Delete_IdentityWithCredential_RejectsItsTokenAndCredentialAtOnce()
    {
        // Arrange
        var name = Names.Unique("app");
        var created = await fixture.CreateIdentityAsync("rg", name);
        var principalId = Guid.Parse(created.GetProperty("properties").GetProperty("principalId").GetString()!); // ARM always sends it
        await fixture.GetService<AccessEvaluator>().AssignAsync(principalId, BuiltInRoles.SecretsUser, "/", TestContext.Current.CancellationToken);
        var header = (await fixture.CreateCredentialAsync("rg", name)).GetProperty("identityHeader").GetString()!; // the 201 carries it
        var token = await fixture.Server.GetTokenAsync(header);
        using (var before = await fixture.ReadWithTokenAsync(token))
        {
            await Wire.AssertJsonAsync(before);
        }

        // Act
        using var deleted = await fixture.ManageAsync(HttpMethod.Delete, fixture.IdentityPath("rg", name));

        // Assert
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        using var after = await fixture.ReadWithTokenAsync(token);
        await Wire.AssertChallengeAsync(after, fixture.Server);
        using var tokenRequest = await fixture.AppServiceTokenAsync(header);
        Assert.Equal(HttpStatusCode.Unauthorized, tokenRequest.StatusCode);
    }

    [Fact]
    public async Task List_ByResourceGroup_ReturnsOnlyThatGroupWithNullNextLink()
    {
        // Arrange
        var group = Names.Unique("group");
        var first = Names.Unique("a");
        var second = Names.Unique("b");
        await fixture.CreateIdentityAsync(group, second);
        await fixture.CreateIdentityAsync(group, first);
        await fixture.CreateIdentityAsync("other", Names.Unique("c"));

        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Get,
            $"/subscriptions/{fixture.Subscription()}/resourceGroups/{group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities?api-version={ManagementCalls.ApiVersion}");

        // Assert
        var body = await Wire.AssertJsonAsync(response);
        Assert.Equal(["nextLink", "value"], Wire.PropertyNames(body));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("nextLink").ValueKind);
        Assert.Equal([first, second], body.GetProperty("value").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToArray());
    }

    [Fact]
    public async Task List_BySubscription_IncludesEveryGroupAndDev()
    {
        // Arrange
        var name = Names.Unique("sub");
        await fixture.CreateIdentityAsync(Names.Unique("group"), name);

        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Get,
            $"/subscriptions/{fixture.Subscription()}/providers/Microsoft.ManagedIdentity/userAssignedIdentities?api-version={ManagementCalls.ApiVersion}");

        // Assert
        var names = (await Wire.AssertJsonAsync(response)).GetProperty("value").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();
        Assert.Contains(name, names);
        Assert.Contains("dev", names);
    }
}
