using Coffer.Core.Errors;
using Coffer.Core.Vaults;

namespace Coffer.Core.Tests.Vaults;

public sealed class VaultNameTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("dev")]
    [InlineData("Billing")]
    [InlineData("a-b-c")]
    [InlineData("a1-2b")]
    [InlineData("abcdefghijklmnopqrstuvwx")]
    public void IsValid_AzureVaultName_ReturnsTrue(string name)
    {
        // Act
        var valid = VaultName.IsValid(name);

        // Assert
        Assert.True(valid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("abcdefghijklmnopqrstuvwxy")]
    [InlineData("1abc")]
    [InlineData("-abc")]
    [InlineData("abc-")]
    [InlineData("a--b")]
    [InlineData("ab_c")]
    [InlineData("ab.c")]
    [InlineData("caf\u00e9")]
    [InlineData("\u00e9abc")]
    public void IsValid_OutsideAzureRule_ReturnsFalse(string name)
    {
        // Act
        var valid = VaultName.IsValid(name);

        // Assert
        Assert.False(valid);
    }

    [Fact]
    public void Validate_InvalidName_ThrowsBadParameter()
    {
        // Act
        var exception = Assert.Throws<CofferException>(() => VaultName.Validate("a--b"));

        // Assert
        Assert.Equal(400, exception.Status);
        Assert.Equal(ErrorCodes.BadParameter, exception.Code);
        Assert.Contains("'a--b'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ValidName_DoesNotThrow()
    {
        // Act
        var exception = Record.Exception(() => VaultName.Validate("billing-prod"));

        // Assert
        Assert.Null(exception);
    }
}
