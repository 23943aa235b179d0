using System.Net;
using System.Text.Json;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Authorization;

namespace Coffer.Api.Tests.Endpoints;

/// <summary>
/// Coffer's credential actions on a user-assigned identity: <c>POST {id}/credentials</c> (the identity-header value,
/// shown once) and <c>DELETE {id}/credentials/{credentialId}</c> (revokes it and its tokens), under
/// <c>Microsoft.ManagedIdentity/userAssignedIdentities/assign/action</c>.
/// </summary>
public sealed class IdentityCredentialWireTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Post_Credential_Returns201WithOneTimeSecretThatYieldsTheIdentitysToken()
    {
        // Arrange
        var name = Names.Unique("app");
        var identity = await fixture.CreateIdentityAsync("rg", name);

        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Post, fixture.IdentityPath("rg", name, "/credentials"));

        // Assert
        var body = await Wire.AssertJsonAsync(response, HttpStatusCode.Created);
        Assert.Equal(["clientId", "expiresOn", "id", "identityEndpoint", "identityHeader", "principalId"], Wire.PropertyNames(body));
        Assert.True(Guid.TryParse(body.GetProperty("id").GetString(), out _));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("expiresOn").ValueKind);
        Assert.Equal(fixture.Server.IdentityEndpoint.ToString(), body.GetProperty("identityEndpoint").GetString());
        Assert.Equal(identity.GetProperty("properties").GetProperty("clientId").GetString(), body.GetProperty("clientId").GetString());
        Assert.Equal(identity.GetProperty("properties").GetProperty("principalId").GetString(), body.GetProperty("principalId").GetString());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
        var header = body.GetProperty("identityHeader").GetString()!; // checked by the property list above
        Assert.True(header.Length >= 43, "A credential carries 256 random bits.");
        using var token = await fixture.AppServiceTokenAsync(header);
        var payload = Jwt.Parse((await Wire.AssertJsonAsync(token)).GetProperty("access_token").GetString()!).Payload; // a 200 always carries a token
        Assert.Equal(body.GetProperty("principalId").GetString(), payload["oid"]!.GetValue<string>());
        Assert.Equal(identity.GetProperty("id").GetString(), payload["xms_mirid"]!.GetValue<string>());
        Assert.Equal(body.GetProperty("id").GetString(), payload["xms_cid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_TwoCredentials_BothWork()
    {
        // Arrange
        var name = Names.Unique("app");
        await fixture.CreateIdentityAsync("rg", name);

        // Act
        var first = await fixture.CreateCredentialAsync("rg", name);
        var second = await fixture.CreateCredentialAsync("rg", name);

        // Assert
        Assert.NotEqual(first.GetProperty("identityHeader").GetString(), second.GetProperty("identityHeader").GetString());
        Assert.NotEqual(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        using var one = await fixture.AppServiceTokenAsync(first.GetProperty("identityHeader").GetString()!);
        using var two = await fixture.AppServiceTokenAsync(second.GetProperty("identityHeader").GetString()!);
        await Wire.AssertJsonAsync(one);
        await Wire.AssertJsonAsync(two);
    }

    [Fact]
    public async Task Post_WithExpiry_EchoesIt()
    {
        // Arrange
        var name = Names.Unique("app");
        await fixture.CreateIdentityAsync("rg", name);
        var expires = DateTimeOffset.UtcNow.AddDays(3);

        // Act
        var body = await fixture.CreateCredentialAsync("rg", name, $$"""{"expiresOn":"{{expires:O}}"}""");

        // Assert
        Assert.Equal(expires.ToUnixTimeSeconds(), body.GetProperty("expiresOn").GetDateTimeOffset().ToUnixTimeSeconds());
    }

    [Theory]
    [InlineData("""{"expiresOn":"2001-01-01T00:00:00Z"}""")]
    [InlineData("""{"expiresOn":"tomorrow"}""")]
    public async Task Post_PastOrMalformedExpiry_Returns400(string json)
    {
        // Arrange
        var name = Names.Unique("app");
        await fixture.CreateIdentityAsync("rg", name);

        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Post, fixture.IdentityPath("rg", name, "/credentials"), json);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "InvalidRequestContent");
    }

    [Fact]
    public async Task Post_MissingIdentity_Returns404()
    {
        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Post, fixture.IdentityPath("rg", Names.Unique("ghost"), "/credentials"));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Fact]
    public async Task Delete_Credential_RevokesItAndItsTokenButNotTheOther()
    {
        // Arrange
        var name = Names.Unique("app");
        var identity = await fixture.CreateIdentityAsync("rg", name);
        await fixture.GetService<AccessEvaluator>().AssignAsync(
            Guid.Parse(identity.GetProperty("properties").GetProperty("principalId").GetString()!), BuiltInRoles.SecretsUser, "/", TestContext.Current.CancellationToken); // ARM always sends it
        var revoked = await fixture.CreateCredentialAsync("rg", name);
        var kept = await fixture.CreateCredentialAsync("rg", name);
        var revokedToken = await fixture.Server.GetTokenAsync(revoked.GetProperty("identityHeader").GetString());
        var keptToken = await fixture.Server.GetTokenAsync(kept.GetProperty("identityHeader").GetString());
        using (var warm = await fixture.ReadWithTokenAsync(revokedToken))
        {
            // Verified once, so the revocation must reach the verified-token cache too.
            await Wire.AssertJsonAsync(warm);
        }

        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Delete, fixture.IdentityPath("rg", name, "/credentials/" + revoked.GetProperty("id").GetString()));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var revokedRead = await fixture.ReadWithTokenAsync(revokedToken);
        await Wire.AssertChallengeAsync(revokedRead, fixture.Server);
        using var revokedHeader = await fixture.AppServiceTokenAsync(revoked.GetProperty("identityHeader").GetString()!);
        Assert.Equal(HttpStatusCode.Unauthorized, revokedHeader.StatusCode);
        using var keptRead = await fixture.ReadWithTokenAsync(keptToken);
        await Wire.AssertJsonAsync(keptRead);
        using var again = await fixture.ManageAsync(HttpMethod.Delete, fixture.IdentityPath("rg", name, "/credentials/" + revoked.GetProperty("id").GetString()));
        await Wire.AssertErrorAsync(again, HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Fact]
    public async Task Delete_CredentialOfAnotherIdentity_Returns404AndKeepsIt()
    {
        // Arrange
        var owner = Names.Unique("owner");
        var other = Names.Unique("other");
        await fixture.CreateIdentityAsync("rg", owner);
        await fixture.CreateIdentityAsync("rg", other);
        var credential = await fixture.CreateCredentialAsync("rg", owner);

        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Delete, fixture.IdentityPath("rg", other, "/credentials/" + credential.GetProperty("id").GetString()));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "ResourceNotFound");
        using var token = await fixture.AppServiceTokenAsync(credential.GetProperty("identityHeader").GetString()!);
        await Wire.AssertJsonAsync(token);
    }

    [Fact]
    public async Task Post_ManagedIdentityOperator_MayMintCredential()
    {
        // Arrange
        var name = Names.Unique("app");
        await fixture.CreateIdentityAsync("rg", name);
        var (_, token) = await fixture.CallerWithRoleAsync(BuiltInRoles.ManagedIdentityOperator, fixture.IdentityPath("rg", name, apiVersion: null));

        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Post, fixture.IdentityPath("rg", name, "/credentials"), "{}", token);

        // Assert
        await Wire.AssertJsonAsync(response, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Post_ManagedIdentityContributor_Returns403()
    {
        // Arrange: Contributor may create and delete identities, but not act as them.
        var name = Names.Unique("app");
        await fixture.CreateIdentityAsync("rg", name);
        var (_, token) = await fixture.CallerWithRoleAsync(BuiltInRoles.ManagedIdentityContributor, "/");

        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Post, fixture.IdentityPath("rg", name, "/credentials"), "{}", token);

        // Assert
        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.Forbidden, "AuthorizationFailed");
        Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities/assign/action", message, StringComparison.Ordinal);
    }
}
