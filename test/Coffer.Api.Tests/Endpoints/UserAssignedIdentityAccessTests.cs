using System.Net;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Authorization;
using Coffer.Core.Identity;

namespace Coffer.Api.Tests.Endpoints;

/// <summary>
/// Who may manage managed identities: ARM's 401 without a token, 403 <c>AuthorizationFailed</c> for data roles and
/// readers, management roles honoured at their scope, and no management API on vault hosts.
/// </summary>
public sealed class UserAssignedIdentityAccessTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Put_NoToken_Returns401WithArmChallenge()
    {
        // Arrange
        using var request = fixture.RequestAs(null, HttpMethod.Put, fixture.IdentityPath("rg", Names.Unique("app")), "{}", fixture.BareHost());

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "AuthenticationFailed");
        Assert.StartsWith("Bearer authorization_uri=", Assert.Single(response.Headers.WwwAuthenticate).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_CallerWithDataRoleOnly_Returns403AuthorizationFailed()
    {
        // Arrange
        var (_, token) = await fixture.CallerWithRoleAsync(BuiltInRoles.Administrator);
        var name = Names.Unique("app");

        // Act
        using var response = await fixture.ManageAsync(HttpMethod.Put, fixture.IdentityPath("rg", name), "{}", token);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.Forbidden, "AuthorizationFailed");
        Assert.Null(await fixture.GetService<IdentityService>().FindAsync(name, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Delete_ReaderCaller_Returns403AndIdentityStays()
    {
        // Arrange
        var name = Names.Unique("app");
        await fixture.CreateIdentityAsync("rg", name);
        var (_, token) = await fixture.CallerWithRoleAsync(BuiltInRoles.ManagementReader, $"/subscriptions/{fixture.Subscription()}");

        // Act
        using var read = await fixture.ManageAsync(HttpMethod.Get, fixture.IdentityPath("rg", name), token: token);
        using var delete = await fixture.ManageAsync(HttpMethod.Delete, fixture.IdentityPath("rg", name), token: token);

        // Assert
        await Wire.AssertJsonAsync(read);
        await Wire.AssertErrorAsync(delete, HttpStatusCode.Forbidden, "AuthorizationFailed");
        Assert.NotNull(await fixture.GetService<IdentityService>().FindAsync(name, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Put_ContributorScopedToOneGroup_AllowedThereOnly()
    {
        // Arrange
        var group = Names.Unique("mine");
        var (_, token) = await fixture.CallerWithRoleAsync(BuiltInRoles.ManagedIdentityContributor, $"/subscriptions/{fixture.Subscription()}/resourceGroups/{group}");

        // Act
        using var inside = await fixture.ManageAsync(HttpMethod.Put, fixture.IdentityPath(group, Names.Unique("in")), "{}", token);
        using var outside = await fixture.ManageAsync(HttpMethod.Put, fixture.IdentityPath(Names.Unique("theirs"), Names.Unique("out")), "{}", token);

        // Assert
        await Wire.AssertJsonAsync(inside, HttpStatusCode.Created);
        await Wire.AssertErrorAsync(outside, HttpStatusCode.Forbidden, "AuthorizationFailed");
    }

    [Fact]
    public async Task Get_OnVaultHost_IsNotTheManagementApi()
    {
        // Act
        using var request = fixture.Request(HttpMethod.Get, fixture.IdentityPath("dev", "dev"));
        using var response = await fixture.SendAsync(request);

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "NotFound");
    }
}
