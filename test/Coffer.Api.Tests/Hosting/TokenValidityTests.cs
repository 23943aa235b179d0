using System.Net;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Identity;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Api.Tests.Hosting;

/// <summary>
/// Tokens the data plane must refuse with the 401 challenge although nobody forged them: genuine tokens for another
/// audience or issuer, expired past the 5-minute clock skew or not yet valid, and malformed token strings (a real token
/// with an extra segment among them). Where a control fits (the right audience or issuer, an expiry inside the skew)
/// it is accepted, so a 401 is caused by the defect under test. A valid token for an identity without a role is
/// authenticated but gets 403 <c>ForbiddenByRbac</c>, not the challenge, and writes nothing.
/// </summary>
public sealed class TokenValidityTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
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

    private Task<HttpResponseMessage> SendWithAsync(string token) => fixture.ReadWithTokenAsync(token);

    private async Task<ManagedIdentity> DevIdentityAsync() =>
        await fixture.GetService<IdentityService>().FindAsync("dev", TestContext.Current.CancellationToken) ?? throw new InvalidOperationException("No identity 'dev'.");

    private string Issue(TokenAuthority authority, TimeProvider time, ManagedIdentity identity) =>
        new TokenIssuer(fixture.GetService<SigningKeyRing>(), authority, time).Issue(identity, fixture.Server.Resource).AccessToken;
}
