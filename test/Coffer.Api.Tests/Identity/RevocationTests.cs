using System.Net;
using System.Text.Json.Nodes;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Authorization;

namespace Coffer.Api.Tests.Identity;

/// <summary>
/// A service principal's token stops working at once, on the data plane and the management API, when its secret is
/// removed or the principal is deleted; and works only once the principal holds a role.
/// </summary>
public sealed class RevocationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task NewPrincipal_Gets403UntilAssignedARole_ThenReads()
    {
        // Arrange
        var admin = await fixture.AdminTokenAsync();
        var (objectId, appId, secret, _) = await fixture.CreateWithSecretAsync(admin);
        var token = await fixture.ClientTokenAsync(appId, secret);
        using var before = await fixture.ReadWithTokenAsync(token);
        await Wire.AssertErrorAsync(before, HttpStatusCode.Forbidden, "Forbidden", "ForbiddenByRbac");

        // Act
        await fixture.GetService<AccessEvaluator>().AssignAsync(Guid.Parse(objectId), BuiltInRoles.SecretsUser, fixture.Server.VaultScope("dev"), TestContext.Current.CancellationToken);
        using var after = await fixture.ReadWithTokenAsync(token);

        // Assert
        await Wire.AssertJsonAsync(after);
    }

    [Fact]
    public async Task RemovePassword_TokenIssuedWithIt_Gets401OnDataPlaneAndManagement()
    {
        // Arrange: a principal that can read the vault and the directory, with a token already verified (cached).
        var admin = await fixture.AdminTokenAsync();
        var (objectId, appId, secret, keyId) = await fixture.CreateWithSecretAsync(admin);
        await GrantAsync(objectId);
        var token = await fixture.ClientTokenAsync(appId, secret);
        using (var ok = await fixture.ReadWithTokenAsync(token))
        {
            await Wire.AssertJsonAsync(ok);
        }

        using (var ok = await fixture.SendBareAsync(HttpMethod.Get, "/v1.0/servicePrincipals", token))
        {
            await Wire.AssertJsonAsync(ok);
        }

        // Act
        using var remove = await fixture.SendBareAsync(HttpMethod.Post, $"/v1.0/servicePrincipals/{objectId}/removePassword", admin, new JsonObject { ["keyId"] = keyId }.ToJsonString());
        Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
        using var data = await fixture.ReadWithTokenAsync(token);
        using var management = await fixture.SendBareAsync(HttpMethod.Get, "/v1.0/servicePrincipals", token);

        // Assert
        await Wire.AssertChallengeAsync(data, fixture.Server);
        await Wire.AssertErrorAsync(management, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");
    }

    [Fact]
    public async Task RemoveOneOfTwoPasswords_TokensOfTheOtherKeepWorking()
    {
        // Arrange
        var admin = await fixture.AdminTokenAsync();
        var (objectId, appId, secret, keyId) = await fixture.CreateWithSecretAsync(admin);
        var (_, otherSecret) = await fixture.AddPasswordAsync(admin, objectId);
        await GrantAsync(objectId);
        var revoked = await fixture.ClientTokenAsync(appId, secret);
        var kept = await fixture.ClientTokenAsync(appId, otherSecret);

        // Act
        using var remove = await fixture.SendBareAsync(HttpMethod.Post, $"/v1.0/servicePrincipals/{objectId}/removePassword", admin, new JsonObject { ["keyId"] = keyId }.ToJsonString());
        using var refused = await fixture.ReadWithTokenAsync(revoked);
        using var accepted = await fixture.ReadWithTokenAsync(kept);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
        await Wire.AssertChallengeAsync(refused, fixture.Server);
        await Wire.AssertJsonAsync(accepted);
    }

    [Fact]
    public async Task DeletePrincipal_ItsToken_Gets401OnDataPlaneAndManagement()
    {
        // Arrange
        var admin = await fixture.AdminTokenAsync();
        var (objectId, appId, secret, _) = await fixture.CreateWithSecretAsync(admin);
        await GrantAsync(objectId);
        var token = await fixture.ClientTokenAsync(appId, secret);
        using (var ok = await fixture.ReadWithTokenAsync(token))
        {
            await Wire.AssertJsonAsync(ok);
        }

        // Act
        using var delete = await fixture.SendBareAsync(HttpMethod.Delete, $"/v1.0/servicePrincipals/{appId}", admin);
        using var data = await fixture.ReadWithTokenAsync(token);
        using var management = await fixture.SendBareAsync(HttpMethod.Get, "/v1.0/servicePrincipals", token);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await Wire.AssertChallengeAsync(data, fixture.Server);
        await Wire.AssertErrorAsync(management, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");
    }

    private async Task GrantAsync(string objectId)
    {
        var access = fixture.GetService<AccessEvaluator>();
        await access.AssignAsync(Guid.Parse(objectId), BuiltInRoles.SecretsUser, fixture.Server.VaultScope("dev"), TestContext.Current.CancellationToken);
        await access.AssignAsync(Guid.Parse(objectId), BuiltInRoles.Owner, "/", TestContext.Current.CancellationToken);
    }
}
