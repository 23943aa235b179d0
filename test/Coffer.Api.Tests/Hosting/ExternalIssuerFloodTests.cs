using System.Security.Cryptography;
using Coffer.Api.Tests.TestSupport;
using Coffer.Testing;

namespace Coffer.Api.Tests.Hosting;

/// <summary>Tokens with made-up key ids cannot make Coffer hammer an issuer: at most one JWKS fetch per minimum interval.</summary>
public sealed class ExternalIssuerFloodTests(ExternalIssuerFloodTests.Fixture fixture) : IClassFixture<ExternalIssuerFloodTests.Fixture>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task FloodOfUnknownKids_FetchesAtMostOncePerInterval()
    {
        // Arrange
        using var foreign = RSA.Create(2048);
        var issuer = fixture.Issuer;
        var claims = issuer.Claims(ExternalIssuerFixture.Audience, Guid.NewGuid().ToString());
        var fetchesBefore = issuer.JwksRequests;
        var started = DateTime.UtcNow;
        var sent = 0;

        // Act: unknown kids, four at a time, for five seconds.
        while (DateTime.UtcNow - started < TimeSpan.FromSeconds(5))
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            {
                using var response = await fixture.ReadWithTokenAsync(TestOpenIdIssuer.Sign(claims, "bogus-" + Guid.NewGuid().ToString("N"), foreign));
                await Wire.AssertChallengeAsync(response, fixture.Server);
            }));
            sent += 4;
        }

        await Task.Delay(500, TestContext.Current.CancellationToken);
        var elapsed = DateTime.UtcNow - started;
        var fetches = issuer.JwksRequests - fetchesBefore;

        // Assert: some refresh happened (the kids could have been new keys), but one per interval at most.
        Assert.True(sent > 20, $"Only {sent} tokens were sent.");
        Assert.InRange(fetches, 1, (int)Math.Ceiling(elapsed / Interval) + 1);
    }

    public sealed class Fixture : ExternalIssuerFixture
    {
        protected override TimeSpan MinimumRefreshInterval => Interval;
    }
}
