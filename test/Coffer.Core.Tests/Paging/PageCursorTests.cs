using System.Text;
using Coffer.Core.Crypto;
using Coffer.Core.Errors;
using Coffer.Core.Paging;

namespace Coffer.Core.Tests.Paging;

public sealed class PageCursorTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("db-password")]
    [InlineData("n:s:tricky")]
    [InlineData("")]
    public void ToName_TokenFromName_ReturnsName(string nameKey)
    {
        // Arrange
        var token = PageCursor.FromName(nameKey);

        // Act
        var name = PageCursor.ToName(token);

        // Assert
        Assert.Equal(nameKey, name);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(1234567890123L)]
    [InlineData(long.MaxValue)]
    public void ToSequence_TokenFromSequence_ReturnsSequence(long sequence)
    {
        // Arrange
        var token = PageCursor.FromSequence(sequence);

        // Act
        var parsed = PageCursor.ToSequence(token);

        // Assert
        Assert.Equal(sequence, parsed);
    }

    [Fact]
    public void FromName_Always_IsOpaqueUrlSafeText()
    {
        // Act
        var token = PageCursor.FromName("db-password");

        // Assert
        Assert.DoesNotContain("db-password", token, StringComparison.Ordinal);
        Assert.All(token, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
    }

    [Fact]
    public void ToName_Null_ReturnsNull()
    {
        // Act
        var name = PageCursor.ToName(null);

        // Assert
        Assert.Null(name);
    }

    [Fact]
    public void ToSequence_Null_ReturnsZero()
    {
        // Act
        var sequence = PageCursor.ToSequence(null);

        // Assert
        Assert.Equal(0, sequence);
    }

    [Theory]
    [InlineData("!!!")]
    [InlineData("a")]
    [InlineData("not a token")]
    [InlineData("garbage")]
    [InlineData("eHl6")]
    public void ToName_Garbage_ThrowsBadParameter(string token)
    {
        // Act
        var exception = Assert.Throws<CofferException>(() => PageCursor.ToName(token));

        // Assert
        Assert.Equal(400, exception.Status);
        Assert.Equal(ErrorCodes.BadParameter, exception.Code);
        Assert.Contains("$skiptoken", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("!!!")]
    [InlineData("a")]
    [InlineData("garbage")]
    public void ToSequence_Garbage_ThrowsBadParameter(string token)
    {
        // Act
        var exception = Assert.Throws<CofferException>(() => PageCursor.ToSequence(token));

        // Assert
        Assert.Equal(400, exception.Status);
        Assert.Equal(ErrorCodes.BadParameter, exception.Code);
    }

    [Theory]
    [InlineData("s:")]
    [InlineData("s:-1")]
    [InlineData("s:+1")]
    [InlineData("s: 1")]
    [InlineData("s:1.5")]
    [InlineData("s:abc")]
    [InlineData("s:99999999999999999999")]
    [InlineData("n:5")]
    [InlineData("5")]
    public void ToSequence_WellEncodedButNotASequence_ThrowsBadParameter(string text)
    {
        // Arrange
        var token = Base64Url.Encode(Encoding.UTF8.GetBytes(text));

        // Act
        var exception = Assert.Throws<CofferException>(() => PageCursor.ToSequence(token));

        // Assert
        Assert.Equal(400, exception.Status);
    }

    [Fact]
    public void ToName_SequenceToken_ThrowsBadParameter()
    {
        // Act
        var exception = Assert.Throws<CofferException>(() => PageCursor.ToName(PageCursor.FromSequence(5)));

        // Assert
        Assert.Equal(400, exception.Status);
    }

    [Fact]
    public void ToName_InvalidUtf8_ThrowsBadParameter()
    {
        // Arrange
        var token = Base64Url.Encode([(byte)'n', (byte)':', 0xFF, 0xFE]);

        // Act
        var exception = Assert.Throws<CofferException>(() => PageCursor.ToName(token));

        // Assert
        Assert.Equal(400, exception.Status);
    }

    [Theory]
    [InlineData(null, 25)]
    [InlineData(1, 1)]
    [InlineData(10, 10)]
    [InlineData(25, 25)]
    public void ValidatePageSize_WithinBounds_ReturnsSize(int? maxResults, int expected)
    {
        // Act
        var size = PageCursor.ValidatePageSize(maxResults);

        // Assert
        Assert.Equal(expected, size);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(26)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void ValidatePageSize_OutOfBounds_ThrowsBadParameter(int maxResults)
    {
        // Act
        var exception = Assert.Throws<CofferException>(() => PageCursor.ValidatePageSize(maxResults));

        // Assert
        Assert.Equal(400, exception.Status);
        Assert.Equal(ErrorCodes.BadParameter, exception.Code);
        Assert.Contains("'maxresults'", exception.Message, StringComparison.Ordinal);
    }
}
