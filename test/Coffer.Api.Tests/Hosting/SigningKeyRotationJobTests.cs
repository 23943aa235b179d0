using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Identity;

namespace Coffer.Api.Tests.Hosting;

/// <summary>
/// The server's own rotation job on a fake clock (defaults: every 30 days, published 1 day ahead): the next key is
/// published while tokens still carry the old one, then signs, and the old key stops verifying once retired long enough.
/// </summary>
public sealed class SigningKeyRotationJobTests(FakeTimeServerFixture fixture) : IClassFixture<FakeTimeServerFixture>
{
    [Fact]
    public async Task Job_OverOneRotation_PublishesAheadThenSignsThenDropsOldKey()
    {
        // Arrange
        var ring = fixture.GetService<SigningKeyRing>();
        var first = KeyId(await fixture.Server.GetTokenAsync());

        // Act + Assert: one day before the period ends the next key is published, but tokens still carry the first.
        fixture.Time.Advance(TimeSpan.FromDays(29) + TimeSpan.FromMinutes(10));
        await WaitUntilAsync(() => ring.PublicKeys.Count() == 2);
        var next = ring.PublicKeys.Select(k => k.KeyId).Single(id => id != first);
        Assert.Equal(first, KeyId(await fixture.Server.GetTokenAsync()));
        fixture.Time.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(20));
        var lastOld = await fixture.Server.GetTokenAsync();
        Assert.Equal(first, KeyId(lastOld));

        // Once active, the next key signs; a token of the first key still opens the vault.
        fixture.Time.Advance(TimeSpan.FromMinutes(20));
        var current = await fixture.Server.GetTokenAsync();
        Assert.Equal(next, KeyId(current));
        using (var old = await fixture.ReadWithTokenAsync(lastOld))
        {
            await Wire.AssertJsonAsync(old);
        }

        // After retirement plus the longest token life plus skew, the first key is gone.
        fixture.Time.Advance(TimeSpan.FromHours(2));
        await WaitUntilAsync(() => !ring.TryGetVerificationKey(first, out _));
        Assert.Equal([next], ring.PublicKeys.Select(k => k.KeyId).ToArray());
        using var fresh = await fixture.ReadWithTokenAsync(await fixture.Server.GetTokenAsync());
        await Wire.AssertJsonAsync(fresh);
    }

    private static string KeyId(string token) => Jwt.Parse(token).Header["kid"]!.GetValue<string>(); // Coffer's tokens always name their key

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "The rotation job did not act within 10 seconds.");
    }
}
