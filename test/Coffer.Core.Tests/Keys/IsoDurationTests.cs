using Coffer.Core.Keys;

namespace Coffer.Core.Tests.Keys;

public sealed class IsoDurationTests
{
    [Theory]
    [InlineData("P30D", 0, 0, 30, 0)]
    [InlineData("P1Y", 1, 0, 0, 0)]
    [InlineData("P18M", 0, 18, 0, 0)]
    [InlineData("P1Y10D", 1, 0, 10, 0)]
    [InlineData("P2W", 0, 0, 14, 0)]
    [InlineData("PT48H", 0, 0, 0, 48)]
    [InlineData("P1DT12H", 0, 0, 1, 12)]
    [InlineData("p7d", 0, 0, 7, 0)]
    public void TryParse_Valid_ReadsEachUnit(string text, int years, int months, int days, int hours)
    {
        // Act
        var ok = IsoDuration.TryParse(text, out var duration);

        // Assert
        Assert.True(ok);
        Assert.Equal(new IsoDuration(years, months, days, TimeSpan.FromHours(hours)), duration);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("30D")]
    [InlineData("P30")]
    [InlineData("PD")]
    [InlineData("P1D1Y")]
    [InlineData("P1M1M")]
    [InlineData("PT")]
    [InlineData("P1H")]
    [InlineData("P-1D")]
    [InlineData("P1.5D")]
    [InlineData("P9999999D")]
    public void TryParse_Invalid_ReturnsFalse(string? text)
    {
        // Act
        var ok = IsoDuration.TryParse(text, out _);

        // Assert
        Assert.False(ok);
    }

    [Fact]
    public void AddTo_CalendarMonths_FollowTheCalendar()
    {
        // Arrange
        Assert.True(IsoDuration.TryParse("P1M", out var month));
        var endOfJanuary = new DateTimeOffset(2026, 1, 31, 10, 0, 0, TimeSpan.Zero);

        // Act
        var later = month.AddTo(endOfJanuary);

        // Assert
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 10, 0, 0, TimeSpan.Zero), later);
        Assert.Equal(TimeSpan.FromDays(28), month.Shortest);
        Assert.Equal(TimeSpan.FromDays(31), month.Longest);
    }
}
