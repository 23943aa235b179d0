using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Authorization;
using Coffer.Core.Identity;

namespace Coffer.Api.Tests.Identity;

/// <summary>
/// Service-principal tokens that were tampered with or obtained for somebody else are refused with the challenge:
/// a payload altered to name another principal, another audience, another issuer (signed with Coffer's own key),
/// and a token of another Coffer. Each has a control that is accepted, so the 401 is caused by the attack.
/// </summary>
public sealed class ServicePrincipalTokenAttackTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task AlteredPayload_NamingTheAdmin_Returns401()
    {
        // Arrange: a principal without roles swaps its oid for the admin's, keeping the signature.
        var admin = await fixture.AdminTokenAsync();
        var (_, appId, secret, _) = await fixture.CreateWithSecretAsync(admin);
        var token = await fixture.ClientTokenAsync(appId, secret);
        var adminOid = (string?)Jwt.Parse(admin).Payload["oid"];
        var (header, payload, signature) = Jwt.Parse(token);
        payload["oid"] = adminOid;
        var forged = Jwt.Encode(header) + "." + Jwt.Encode(payload) + "." + signature;

        // Act
        using var control = await fixture.ReadWithTokenAsync(admin);
        using var response = await fixture.ReadWithTokenAsync(forged);

        // Assert
        await Wire.AssertJsonAsync(control);
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Fact]
    public async Task GenuineTokenForAnotherAudience_Returns401()
    {
        // Arrange: Coffer's own key and a live credential, but minted for another resource.
        var (subject, control) = await LiveSubjectAsync();
        var token = fixture.GetService<TokenIssuer>().Issue(subject, "https://localhost:1").AccessToken;

        // Act
        using var accepted = await fixture.ReadWithTokenAsync(control);
        using var response = await fixture.ReadWithTokenAsync(token);

        // Assert
        await Wire.AssertJsonAsync(accepted);
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Fact]
    public async Task OtherIssuer_SignedWithCoffersKey_Returns401()
    {
        // Arrange
        var (subject, control) = await LiveSubjectAsync();
        var authority = fixture.GetService<TokenAuthority>();
        var foreign = authority with { Issuer = $"https://login.microsoftonline.com/{authority.TenantId:D}/v2.0", AdfsIssuer = null };
        var token = new TokenIssuer(fixture.GetService<SigningKeyRing>(), foreign, TimeProvider.System)
            .Issue(subject, fixture.Server.Resource).AccessToken;

        // Act
        using var accepted = await fixture.ReadWithTokenAsync(control);
        using var response = await fixture.ReadWithTokenAsync(token);

        // Assert
        await Wire.AssertJsonAsync(accepted);
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Fact]
    public async Task AnotherCoffersAdminToken_Returns401()
    {
        // Arrange
        await using var other = await Coffer.Testing.CofferServer.StartAsync();
        using var otherClient = other.CreateHttpClient();
        // The other server's token endpoint issues only for its own resource.
        using var otherResponse = await otherClient.PostAsync($"{other.Resource}/{other.TenantId:D}/oauth2/v2.0/token",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = other.AdminClientId,
                ["client_secret"] = other.AdminClientSecret,
                ["grant_type"] = "client_credentials",
                ["scope"] = other.Resource + "/.default",
            }), TestContext.Current.CancellationToken);
        var token = (await Wire.AssertJsonAsync(otherResponse)).GetProperty("access_token").GetString()!;

        // Act
        using var response = await fixture.ReadWithTokenAsync(token);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    /// <summary>A service principal allowed to read vault 'dev', its token subject and a genuine token of it.</summary>
    private async Task<(TokenSubject Subject, string Token)> LiveSubjectAsync()
    {
        var admin = await fixture.AdminTokenAsync();
        var (objectId, appId, secret, keyId) = await fixture.CreateWithSecretAsync(admin);
        await fixture.GetService<AccessEvaluator>().AssignAsync(Guid.Parse(objectId), BuiltInRoles.SecretsUser, fixture.Server.VaultScope("dev"), TestContext.Current.CancellationToken);
        var token = await fixture.ClientTokenAsync(appId, secret);
        return (new TokenSubject(Guid.Parse(objectId), Guid.Parse(appId), keyId, Authentication: ClientAuthentication.Secret), token);
    }
}
