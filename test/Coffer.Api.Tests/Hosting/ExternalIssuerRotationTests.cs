using System.Net;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Authorization;

namespace Coffer.Api.Tests.Hosting;

/// <summary>
/// An external issuer rotates its signing key: the new kid is picked up by the refresh that its first token asks for,
/// and a withdrawn key stops vouching for tokens it signed, even ones Coffer had already verified and cached.
/// </summary>
public sealed class ExternalIssuerRotationTests(ExternalIssuerFixture fixture) : IClassFixture<ExternalIssuerFixture>
{
    [Fact]
    public async Task RotatedKey_NewKidAcceptedAfterRefresh_WithdrawnKidRefused()
    {
        // Arrange
        var oid = Guid.NewGuid();
        await fixture.GetService<AccessEvaluator>().AssignAsync(oid, BuiltInRoles.SecretsUser, "/", TestContext.Current.CancellationToken);
        var issuer = fixture.Issuer;
        var oldToken = issuer.Token(issuer.Claims(ExternalIssuerFixture.Audience, oid.ToString()), ExternalIssuerFixture.RsaKid);
        using (var before = await fixture.ReadWithTokenAsync(oldToken))
        {
            await Wire.AssertJsonAsync(before); // verified and now cached
        }

        issuer.Publish("rsa-2");
        issuer.Withdraw(ExternalIssuerFixture.RsaKid);
        var newToken = issuer.Token(issuer.Claims(ExternalIssuerFixture.Audience, oid.ToString()), "rsa-2");

        // Act
        using var accepted = await Eventually.ResultAsync(() => fixture.ReadWithTokenAsync(newToken), r => r.StatusCode == HttpStatusCode.OK);
        using var withdrawn = await fixture.ReadWithTokenAsync(oldToken);

        // Assert
        await Wire.AssertJsonAsync(accepted);
        await Wire.AssertChallengeAsync(withdrawn, fixture.Server);
    }
}
