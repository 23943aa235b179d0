using Coffer.Core.Keys;
using Coffer.Core.Keys.Cryptography;

namespace Coffer.Core.Tests.Keys;

public sealed class KeyRotationScheduleTests
{
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);

    [Fact]
    public void RotationDue_TimeAfterCreate_FromTheMomentOn()
    {
        // Arrange
        var policy = Policy(new LifetimeAction(LifetimeAction.Rotate, "P30D", null));
        var key = Key(expires: null);

        // Act / Assert
        Assert.False(KeyRotationSchedule.RotationDue(policy, key, Created.AddDays(30).AddSeconds(-1)));
        Assert.True(KeyRotationSchedule.RotationDue(policy, key, Created.AddDays(30)));
    }

    [Fact]
    public void RotationDue_TimeBeforeExpiry_NeedsTheKeysExpiry()
    {
        // Arrange
        var policy = Policy(new LifetimeAction(LifetimeAction.Rotate, null, "P30D"), expiryTime: "P90D");

        // Act / Assert
        Assert.False(KeyRotationSchedule.RotationDue(policy, Key(expires: null), Created.AddYears(5)));
        Assert.False(KeyRotationSchedule.RotationDue(policy, Key(expires: Created.AddDays(45)), Created.AddDays(14)));
        Assert.True(KeyRotationSchedule.RotationDue(policy, Key(expires: Created.AddDays(45)), Created.AddDays(15)));
    }

    [Fact]
    public void NotifyDue_ReturnsTheMomentOnceItHasCome()
    {
        // Arrange
        var policy = Policy(new LifetimeAction(LifetimeAction.Notify, null, "P30D"));
        var key = Key(expires: Created.AddDays(40));

        // Act / Assert
        Assert.Null(KeyRotationSchedule.NotifyDue(policy, key, Created.AddDays(9)));
        Assert.Equal(Created.AddDays(10), KeyRotationSchedule.NotifyDue(policy, key, Created.AddDays(11)));
        Assert.False(KeyRotationSchedule.RotationDue(policy, key, Created.AddDays(100)));
    }

    [Fact]
    public void ExpiryOfNewVersion_NowPlusExpiryTime_OrNone()
    {
        // Act / Assert
        Assert.Equal(Created.AddYears(2), KeyRotationSchedule.ExpiryOfNewVersion(Policy(expiryTime: "P2Y"), Created));
        Assert.Null(KeyRotationSchedule.ExpiryOfNewVersion(Policy(), Created));
    }

    private static KeyRotationPolicy Policy(LifetimeAction? action = null, string? expiryTime = null) =>
        new(action is null ? [] : [action], expiryTime, Created, Created);

    private static KeyVersion Key(DateTimeOffset? expires) =>
        new(Guid.NewGuid(), "k", Guid.NewGuid().ToString("N"), "EC", 256, ["sign"], Created, Created, true, null, expires, null,
            new PublicKeyParts(null, null, "P-256", [1], [2]), [0]);
}
