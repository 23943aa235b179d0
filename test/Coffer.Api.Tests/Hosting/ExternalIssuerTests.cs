using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Coffer.Api.Tests.Management;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Authorization;
using Coffer.Core.Identity.External;
using Coffer.Testing;

namespace Coffer.Api.Tests.Hosting;

/// <summary>
/// Tokens from external OpenID issuers (stand-ins for Entra ID and Keycloak, each a real HTTP server with its own
/// keys): accepted with the configured audience once the principal has a role, refused with 403 without one, and
/// refused with the 401 challenge for every defect. Each refusal has a control that differs only in the defect.
/// </summary>
public sealed class ExternalIssuerTests(ExternalIssuerFixture fixture) : IClassFixture<ExternalIssuerFixture>
{
    private const string Upn = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn";
    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    [Fact]
    public async Task TokenWithConfiguredAudience_WithRole_ReadsSecret()
    {
        // Arrange
        var name = await CreateSecretAsync("from-external");
        var oid = Guid.NewGuid();
        await AssignSecretsUserAsync(oid);
        var claims = fixture.Issuer.Claims(ExternalIssuerFixture.Audience, "someone");
        claims["oid"] = oid.ToString();
        claims["tid"] = Guid.NewGuid().ToString();

        // Act
        using var response = await GetSecretAsync(fixture.Issuer.Token(claims, ExternalIssuerFixture.RsaKid), name);

        // Assert
        var bundle = await Wire.AssertJsonAsync(response);
        Assert.Equal("from-external", bundle.GetProperty("value").GetString());
    }

    [Fact]
    public async Task UserTokenWithUpn_AuditRecordNamesTheUser_TokenWithoutUpnRecordsNone()
    {
        // Arrange
        var name = await CreateSecretAsync("audited user");
        var oid = Guid.NewGuid();
        await AssignSecretsUserAsync(oid);
        var withUpn = fixture.Issuer.Claims(ExternalIssuerFixture.Audience, "alice");
        withUpn["oid"] = oid.ToString();
        withUpn["upn"] = "alice@contoso.example";
        var withoutUpn = fixture.Issuer.Claims(ExternalIssuerFixture.Audience, "alice");
        withoutUpn["oid"] = oid.ToString();

        // Act
        using var first = await GetSecretAsync(fixture.Issuer.Token(withUpn, ExternalIssuerFixture.RsaKid), name);
        using var second = await GetSecretAsync(fixture.Issuer.Token(withoutUpn, ExternalIssuerFixture.RsaKid), name);

        // Assert: a response is sent only after its record is durable, so both records are there (newest first).
        await Wire.AssertJsonAsync(first);
        await Wire.AssertJsonAsync(second);
        var (_, reader) = await fixture.CallerWithRoleAsync(BuiltInRoles.ManagementReader);
        using var query = await fixture.ArmAsync(reader, HttpMethod.Get,
            Management.ManagementCalls.Subscription(fixture) + $"/providers/Coffer.Audit/records?api-version=2025-07-01&operation=SecretGet&caller={oid:D}");
        var claims = (await Wire.AssertJsonAsync(query)).GetProperty("value").EnumerateArray()
            .Select(r => r.GetProperty("identity").GetProperty("claim")).ToList();
        Assert.Equal([null, "alice@contoso.example"], claims.Select(c => c.TryGetProperty(Upn, out var upn) ? upn.GetString() : null));
        Assert.All(claims, c => Assert.Equal(oid.ToString("D"), c.GetProperty(ObjectIdClaim).GetString()));
    }

    [Fact]
    public async Task Es256Token_WithRole_ReadsSecret()
    {
        // Arrange
        var name = await CreateSecretAsync("ec");
        var oid = Guid.NewGuid();
        await AssignSecretsUserAsync(oid);
        var claims = fixture.Issuer.Claims(ExternalIssuerFixture.Audience, oid.ToString());

        // Act: sub is a GUID, so it is the principal id as it is.
        using var response = await GetSecretAsync(fixture.Issuer.Token(claims, ExternalIssuerFixture.EcKid), name);

        // Assert
        await Wire.AssertJsonAsync(response);
    }

    [Fact]
    public async Task TokenWithoutRole_Returns403NamingDerivedPrincipal_AndRoleOnThatIdGrantsAccess()
    {
        // Arrange: a Keycloak-style subject that is not a GUID.
        var name = await CreateSecretAsync("derived");
        var subject = "f:keycloak:" + Guid.NewGuid().ToString("N");
        var token = fixture.Issuer.Token(fixture.Issuer.Claims(ExternalIssuerFixture.Audience, subject), ExternalIssuerFixture.RsaKid);
        var derived = ExternalSubject.Derive(fixture.Issuer.Issuer, subject);

        // Act
        using var denied = await GetSecretAsync(token, name);
        var message = await Wire.AssertErrorAsync(denied, HttpStatusCode.Forbidden, "Forbidden", "ForbiddenByRbac");
        await AssignSecretsUserAsync(derived);
        using var allowed = await GetSecretAsync(token, name);

        // Assert: the administrator learns the id from the 403, and a role on it is what the token needed.
        Assert.Contains("oid=" + derived.ToString("D"), message, StringComparison.Ordinal);
        await Wire.AssertJsonAsync(allowed);
    }

    [Fact]
    public async Task DefaultAudience_IsCoffersResource()
    {
        // Arrange
        var name = await CreateSecretAsync("plain");
        var oid = Guid.NewGuid();
        await AssignSecretsUserAsync(oid);
        var issuer = fixture.DefaultAudienceIssuer;
        var forResource = issuer.Token(issuer.Claims(fixture.Server.Resource, oid.ToString()), ExternalIssuerFixture.RsaKid);
        var forOther = issuer.Token(issuer.Claims(ExternalIssuerFixture.Audience, oid.ToString()), ExternalIssuerFixture.RsaKid);

        // Act
        using var accepted = await GetSecretAsync(forResource, name);
        using var refused = await GetSecretAsync(forOther, name);

        // Assert
        await Wire.AssertJsonAsync(accepted);
        await Wire.AssertChallengeAsync(refused, fixture.Server);
    }

    [Fact]
    public async Task AudienceArray_ContainingConfiguredAudience_IsAccepted()
    {
        // Arrange
        var oid = Guid.NewGuid();
        var claims = fixture.Issuer.Claims(ExternalIssuerFixture.Audience, oid.ToString());
        claims["aud"] = new JsonArray("account", ExternalIssuerFixture.Audience);

        // Act: no role, so an accepted token gets 403 (not 401).
        using var response = await fixture.ReadWithTokenAsync(fixture.Issuer.Token(claims, ExternalIssuerFixture.RsaKid));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.Forbidden, "Forbidden", "ForbiddenByRbac");
    }

    [Theory]
    [InlineData("api://someone-else")]
    [InlineData("https://localhost:1")]
    public async Task WrongAudience_Returns401(string audience)
    {
        // Arrange
        var token = fixture.Issuer.Token(fixture.Issuer.Claims(audience, Guid.NewGuid().ToString()), ExternalIssuerFixture.RsaKid);

        // Act
        using var response = await fixture.ReadWithTokenAsync(token);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Theory]
    [InlineData("http://127.0.0.1:1/realms/other")]
    [InlineData("trailing-slash")]
    public async Task UntrustedIssuer_SignedWithTrustedKey_Returns401(string issuer)
    {
        // Arrange: the trusted issuer's own key, but another iss (or the trusted one not written exactly).
        var claims = fixture.Issuer.Claims(ExternalIssuerFixture.Audience, Guid.NewGuid().ToString());
        claims["iss"] = issuer == "trailing-slash" ? fixture.Issuer.Issuer + "/" : issuer;

        // Act
        using var response = await fixture.ReadWithTokenAsync(fixture.Issuer.Token(claims, ExternalIssuerFixture.RsaKid));

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Fact]
    public async Task IssuerWhoseDiscoveryNamesAnotherIssuer_IsNeverTrusted()
    {
        // Arrange
        var impostor = fixture.Impostor;
        var token = impostor.Token(impostor.Claims(ExternalIssuerFixture.Audience, Guid.NewGuid().ToString()), ExternalIssuerFixture.RsaKid);

        // Act
        using var response = await fixture.ReadWithTokenAsync(token);

        // Assert: its keys were never even fetched.
        await Wire.AssertChallengeAsync(response, fixture.Server);
        Assert.Equal(0, impostor.JwksRequests);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("not-yet-valid")]
    [InlineData("no-exp")]
    [InlineData("no-subject")]
    public async Task BadLifetimeOrClaims_Returns401(string defect)
    {
        // Arrange: the clock skew is five minutes, so ten minutes out is outside it.
        var claims = fixture.Issuer.Claims(ExternalIssuerFixture.Audience, Guid.NewGuid().ToString());
        var now = DateTimeOffset.UtcNow;
        switch (defect)
        {
            case "expired": claims["exp"] = now.AddMinutes(-10).ToUnixTimeSeconds(); break;
            case "not-yet-valid": claims["nbf"] = now.AddMinutes(10).ToUnixTimeSeconds(); break;
            case "no-exp": claims.Remove("exp"); break;
            default: claims.Remove("sub"); break;
        }

        // Act
        using var response = await fixture.ReadWithTokenAsync(fixture.Issuer.Token(claims, ExternalIssuerFixture.RsaKid));

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("ES256-header-on-rsa-key")]
    [InlineData("foreign-key-under-published-kid")]
    public async Task ForgedSignature_Returns401(string forgery)
    {
        // Arrange
        var claims = fixture.Issuer.Claims(ExternalIssuerFixture.Audience, Guid.NewGuid().ToString());
        var kid = ExternalIssuerFixture.RsaKid;
        using var foreign = RSA.Create(2048);
        var body = TestOpenIdIssuer.Encode(claims);
        var token = forgery switch
        {
            "none" => TestOpenIdIssuer.Encode(new JsonObject { ["alg"] = "none", ["kid"] = kid }) + "." + body + ".",
            "HS256" => Jwt.SignHs256(new JsonObject { ["alg"] = "HS256", ["kid"] = kid }, claims,
                ((RSA)fixture.Issuer.Key(kid)).ExportSubjectPublicKeyInfo()),
            "ES256-header-on-rsa-key" => TestOpenIdIssuer.Sign(claims, kid, fixture.Issuer.Key(kid), "ES256"),
            _ => TestOpenIdIssuer.Sign(claims, kid, foreign),
        };

        // Act
        using var response = await fixture.ReadWithTokenAsync(token);

        // Assert
        await Wire.AssertChallengeAsync(response, fixture.Server);
    }

    [Fact]
    public async Task UnknownKid_Returns401_EvenAfterTheRefreshItCaused()
    {
        // Arrange
        using var foreign = RSA.Create(2048);
        var token = TestOpenIdIssuer.Sign(fixture.Issuer.Claims(ExternalIssuerFixture.Audience, Guid.NewGuid().ToString()), "not-published", foreign);
        var fetchesBefore = fixture.Issuer.JwksRequests;

        // Act
        using var first = await fixture.ReadWithTokenAsync(token);
        await Eventually.TrueAsync(() => fixture.Issuer.JwksRequests > fetchesBefore, "Coffer did not fetch the JWKS again after an unknown kid.");
        await Task.Delay(200, TestContext.Current.CancellationToken); // let the fetched keys be installed
        using var second = await fixture.ReadWithTokenAsync(token);

        // Assert
        await Wire.AssertChallengeAsync(first, fixture.Server);
        await Wire.AssertChallengeAsync(second, fixture.Server);
    }

    [Fact]
    public async Task ManagementApi_AcceptsExternalToken_AndRefusesWrongAudience()
    {
        // Arrange
        var claims = fixture.Issuer.Claims(ExternalIssuerFixture.Audience, Guid.NewGuid().ToString());
        var good = fixture.Issuer.Token(claims, ExternalIssuerFixture.RsaKid);
        claims["aud"] = "api://someone-else";
        var bad = fixture.Issuer.Token(claims, ExternalIssuerFixture.RsaKid);
        var bareHost = new Uri(fixture.Server.Resource);

        // Act
        using var accepted = await fixture.SendAsync(fixture.RequestAs(good, HttpMethod.Get, "/subscriptions?api-version=2022-12-01", baseUri: bareHost));
        using var refused = await fixture.SendAsync(fixture.RequestAs(bad, HttpMethod.Get, "/subscriptions?api-version=2022-12-01", baseUri: bareHost));

        // Assert
        await Wire.AssertJsonAsync(accepted);
        await Wire.AssertErrorAsync(refused, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");
    }

    private async Task<string> CreateSecretAsync(string value)
    {
        var name = Names.Unique("ext");
        await fixture.SetSecretAsync(name, value);
        return name;
    }

    private Task AssignSecretsUserAsync(Guid principalId) =>
        fixture.GetService<AccessEvaluator>().AssignAsync(principalId, BuiltInRoles.SecretsUser, "/", TestContext.Current.CancellationToken);

    private async Task<HttpResponseMessage> GetSecretAsync(string token, string name)
    {
        using var request = fixture.RequestAs(token, HttpMethod.Get, SecretCalls.Path(name));
        return await fixture.SendAsync(request);
    }
}
