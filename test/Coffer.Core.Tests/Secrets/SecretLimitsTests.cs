using Coffer.Core.Errors;
using Coffer.Core.Secrets;

namespace Coffer.Core.Tests.Secrets;

public sealed class SecretLimitsTests
{
    [Fact]
    public void ValidateValue_Exactly25KiB_Passes()
    {
        // Act
        var exception = Record.Exception(() => SecretLimits.ValidateValue(new string('a', 25 * 1024)));

        // Assert
        Assert.Null(exception);
    }

    [Fact]
    public void ValidateValue_OneByteOver25KiB_ThrowsBadParameter()
    {
        // Act
        var exception = Assert.Throws<CofferException>(() => SecretLimits.ValidateValue(new string('a', 25 * 1024 + 1)));

        // Assert
        Assert.Equal(400, exception.Status);
        Assert.Equal(ErrorCodes.BadParameter, exception.Code);
        Assert.Contains("'value'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateValue_TwoByteCharactersFilling25KiB_Passes()
    {
        // Arrange: 12,800 'é' are 12,800 chars and 25,600 UTF-8 bytes.
        var value = new string('\u00e9', 25 * 1024 / 2);

        // Act
        var exception = Record.Exception(() => SecretLimits.ValidateValue(value));

        // Assert
        Assert.Null(exception);
    }

    [Fact]
    public void ValidateValue_25KiBCharactersOneOfThemTwoBytes_ThrowsBadParameter()
    {
        // Arrange: 25,600 chars but 25,601 UTF-8 bytes.
        var value = new string('a', 25 * 1024 - 1) + "\u00e9";

        // Act
        var exception = Assert.Throws<CofferException>(() => SecretLimits.ValidateValue(value));

        // Assert
        Assert.Equal(400, exception.Status);
    }

    [Fact]
    public void ValidateValue_FourByteCharactersOverLimit_ThrowsBadParameter()
    {
        // Arrange: 6,401 emoji are 12,802 chars and 25,604 UTF-8 bytes.
        var value = string.Concat(Enumerable.Repeat("\U0001F511", 25 * 1024 / 4 + 1));

        // Act
        var exception = Assert.Throws<CofferException>(() => SecretLimits.ValidateValue(value));

        // Assert
        Assert.Equal(400, exception.Status);
    }

    [Fact]
    public void ValidateTags_FifteenTags_Passes()
    {
        // Act
        var exception = Record.Exception(() => SecretLimits.ValidateTags(Tags(15)));

        // Assert
        Assert.Null(exception);
    }

    [Fact]
    public void ValidateTags_SixteenTags_ThrowsBadParameter()
    {
        // Act
        var exception = Assert.Throws<CofferException>(() => SecretLimits.ValidateTags(Tags(16)));

        // Assert
        Assert.Equal(400, exception.Status);
        Assert.Equal(ErrorCodes.BadParameter, exception.Code);
        Assert.Contains("'tags'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateTags_Null_Passes()
    {
        // Act
        var exception = Record.Exception(() => SecretLimits.ValidateTags(null));

        // Assert
        Assert.Null(exception);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(256, 0)]
    [InlineData(1, 256)]
    [InlineData(256, 256)]
    public void ValidateTags_NameAndValueWithinLimits_Passes(int nameLength, int valueLength)
    {
        // Arrange
        var tags = new Dictionary<string, string> { [new string('n', nameLength)] = new string('v', valueLength) };

        // Act
        var exception = Record.Exception(() => SecretLimits.ValidateTags(tags));

        // Assert
        Assert.Null(exception);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(257, 1)]
    [InlineData(1, 257)]
    public void ValidateTags_NameOrValueOutOfLimits_ThrowsBadParameter(int nameLength, int valueLength)
    {
        // Arrange
        var tags = new Dictionary<string, string> { [new string('n', nameLength)] = new string('v', valueLength) };

        // Act
        var exception = Assert.Throws<CofferException>(() => SecretLimits.ValidateTags(tags));

        // Assert
        Assert.Equal(400, exception.Status);
        Assert.Equal(ErrorCodes.BadParameter, exception.Code);
    }

    [Fact]
    public void ValidateTags_NullValue_ThrowsBadParameter()
    {
        // Arrange
        var tags = new Dictionary<string, string> { ["env"] = null! }; // a wire client can send a null tag value

        // Act
        var exception = Assert.Throws<CofferException>(() => SecretLimits.ValidateTags(tags));

        // Assert
        Assert.Equal(400, exception.Status);
    }

    [Fact]
    public void ValidateContentType_255Characters_Passes()
    {
        // Act
        var exception = Record.Exception(() => SecretLimits.ValidateContentType(new string('c', 255)));

        // Assert
        Assert.Null(exception);
    }

    [Fact]
    public void ValidateContentType_256Characters_ThrowsBadParameter()
    {
        // Act
        var exception = Assert.Throws<CofferException>(() => SecretLimits.ValidateContentType(new string('c', 256)));

        // Assert
        Assert.Equal(400, exception.Status);
        Assert.Contains("'contentType'", exception.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Tags(int count) =>
        Enumerable.Range(0, count).ToDictionary(i => "tag" + i, i => "value" + i);
}
