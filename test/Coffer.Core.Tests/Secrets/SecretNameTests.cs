using Coffer.Core.Errors;
using Coffer.Core.Secrets;

namespace Coffer.Core.Tests.Secrets;

public sealed class SecretNameTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("-")]
    [InlineData("db-password")]
    [InlineData("ABCxyz0189")]
    [InlineData("0123456789")]
    public void IsValid_AllowedCharacters_ReturnsTrue(string name)
    {
        // Act
        var valid = SecretName.IsValid(name);

        // Assert
        Assert.True(valid);
    }

    [Fact]
    public void IsValid_127Characters_ReturnsTrue()
    {
        // Act
        var valid = SecretName.IsValid(new string('a', 127));

        // Assert
        Assert.True(valid);
    }

    [Fact]
    public void IsValid_128Characters_ReturnsFalse()
    {
        // Act
        var valid = SecretName.IsValid(new string('a', 128));

        // Assert
        Assert.False(valid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("db_password")]
    [InlineData("db.password")]
    [InlineData("db password")]
    [InlineData("db/password")]
    [InlineData("caf\u00e9")]
    [InlineData("\uff41")]
    [InlineData("a\n")]
    [InlineData("a%2Fb")]
    public void IsValid_OtherCharactersOrEmpty_ReturnsFalse(string name)
    {
        // Act
        var valid = SecretName.IsValid(name);

        // Assert
        Assert.False(valid);
    }

    [Fact]
    public void Validate_InvalidName_ThrowsBadParameter()
    {
        // Act
        var exception = Assert.Throws<CofferException>(() => SecretName.Validate("db_password"));

        // Assert
        Assert.Equal(400, exception.Status);
        Assert.Equal(ErrorCodes.BadParameter, exception.Code);
        Assert.Contains("db_password", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HugeName_ThrowsWithTruncatedMessage()
    {
        // Arrange
        var name = new string('a', 10_000);

        // Act
        var exception = Assert.Throws<CofferException>(() => SecretName.Validate(name));

        // Assert
        Assert.True(exception.Message.Length < 500);
    }

    [Fact]
    public void Key_MixedCase_ReturnsLowerCase()
    {
        // Act
        var key = SecretName.Key("Db-PASSWORD");

        // Assert
        Assert.Equal("db-password", key);
    }
}
