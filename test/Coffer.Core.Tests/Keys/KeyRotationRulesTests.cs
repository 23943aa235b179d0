using Coffer.Core.Errors;
using Coffer.Core.Keys;

namespace Coffer.Core.Tests.Keys;

public sealed class KeyRotationRulesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);

    [Fact]
    public void Validate_TypicalPolicy_CanonicalTypesAndTimes()
    {
        // Act
        var policy = KeyRotationRules.Validate(
            [new LifetimeAction("rotate", "P18M", null), new LifetimeAction("NOTIFY", null, "P30D")], "P2Y", Now, created: null);

        // Assert
        Assert.Equal([new LifetimeAction("Rotate", "P18M", null), new LifetimeAction("Notify", null, "P30D")], policy.LifetimeActions);
        Assert.Equal("P2Y", policy.ExpiryTime);
        Assert.Equal(Now, policy.Created);
        Assert.Equal(Now, policy.Updated);
    }

    [Fact]
    public void Validate_Update_KeepsCreated()
    {
        // Act
        var policy = KeyRotationRules.Validate([], null, Now, created: Now.AddDays(-3));

        // Assert
        Assert.Equal(Now.AddDays(-3), policy.Created);
        Assert.Empty(policy.LifetimeActions);
    }

    [Theory]
    [InlineData("Rotate", "P6D", null, null, "at least 7 days")]
    [InlineData("Rotate", "PT167H", null, null, "at least 7 days")]
    [InlineData("Rotate", null, "P6D", "P1Y", "at least 7 days")]
    [InlineData("Rotate", null, "P30D", null, "expiryTime")]
    [InlineData("Rotate", "P30D", null, "P27D", "at least 28 days")]
    [InlineData("Rotate", "P30D", null, "P30D", "shorter than the expiry time")]
    [InlineData("Rotate", null, "P1Y", "P1Y", "shorter than the expiry time")]
    [InlineData("Notify", "P30D", null, null, "timeBeforeExpiry")]
    [InlineData("Rotate", null, null, null, "exactly one")]
    [InlineData("Rotate", "P30D", "P30D", "P1Y", "exactly one")]
    [InlineData("Delete", "P30D", null, null, "Rotate or Notify")]
    [InlineData("Rotate", "30 days", null, null, "ISO 8601")]
    public void Validate_BrokenRule_Throws400(string type, string? afterCreate, string? beforeExpiry, string? expiryTime, string mention)
    {
        // Act
        var error = Assert.Throws<CofferException>(() => KeyRotationRules.Validate([new LifetimeAction(type, afterCreate, beforeExpiry)], expiryTime, Now, null));

        // Assert
        Assert.Equal(400, error.Status);
        Assert.Equal("BadParameter", error.Code);
        Assert.Contains(mention, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TwoActionsOfOneType_Throws400()
    {
        // Act
        var error = Assert.Throws<CofferException>(() => KeyRotationRules.Validate(
            [new LifetimeAction("Rotate", "P30D", null), new LifetimeAction("Rotate", "P60D", null)], null, Now, null));

        // Assert
        Assert.Contains("more than one Rotate", error.Message, StringComparison.Ordinal);
    }
}
