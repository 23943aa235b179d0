using System.Text;
using Coffer.Core.Errors;
using Coffer.Core.KeyRing;

namespace Coffer.Core.Tests.KeyRing;

public sealed class BackupProtectorTests
{
    [Fact]
    public void Unprotect_SameKind_ReturnsPlaintext()
    {
        // Arrange
        using var rootKey = new RootKey(RootKey.Generate(), "test");
        var protector = new BackupProtector(rootKey);
        var blob = protector.Protect("secret", Encoding.UTF8.GetBytes("backup body"));

        // Act
        var plaintext = protector.Unprotect("secret", blob);

        // Assert
        Assert.Equal("backup body", Encoding.UTF8.GetString(plaintext));
    }

    [Fact]
    public void Unprotect_OtherProtectorOverSameRootKey_ReturnsPlaintext()
    {
        // Arrange
        var bytes = RootKey.Generate();
        using var rootKey = new RootKey(bytes, "test");
        using var sameRootKey = new RootKey(bytes, "test");
        var blob = new BackupProtector(rootKey).Protect("secret", Encoding.UTF8.GetBytes("backup body"));

        // Act
        var plaintext = new BackupProtector(sameRootKey).Unprotect("secret", blob);

        // Assert
        Assert.Equal("backup body", Encoding.UTF8.GetString(plaintext));
    }

    [Fact]
    public void Unprotect_OtherKind_ThrowsBadParameter()
    {
        // Arrange
        using var rootKey = new RootKey(RootKey.Generate(), "test");
        var protector = new BackupProtector(rootKey);
        var blob = protector.Protect("secret", Encoding.UTF8.GetBytes("backup body"));

        // Act
        var exception = Assert.Throws<CofferException>(() => protector.Unprotect("key", blob));

        // Assert
        Assert.Equal(400, exception.Status);
        Assert.Equal(ErrorCodes.BadParameter, exception.Code);
    }

    [Fact]
    public void Unprotect_OtherRootKey_ThrowsBadParameter()
    {
        // Arrange
        using var rootKey = new RootKey(RootKey.Generate(), "test");
        using var otherRootKey = new RootKey(RootKey.Generate(), "test");
        var blob = new BackupProtector(otherRootKey).Protect("secret", Encoding.UTF8.GetBytes("backup body"));

        // Act
        var exception = Assert.Throws<CofferException>(() => new BackupProtector(rootKey).Unprotect("secret", blob));

        // Assert
        Assert.Equal(400, exception.Status);
        Assert.Equal(ErrorCodes.BadParameter, exception.Code);
    }

    [Fact]
    public void Unprotect_RootKeyIdForgedIntoOtherDeploymentsBlob_ThrowsBadParameter()
    {
        // Arrange
        using var rootKey = new RootKey(RootKey.Generate(), "test");
        using var otherRootKey = new RootKey(RootKey.Generate(), "test");
        var blob = new BackupProtector(otherRootKey).Protect("secret", Encoding.UTF8.GetBytes("backup body"));
        rootKey.Id.TryWriteBytes(blob.AsSpan(2, 16));

        // Act
        var exception = Assert.Throws<CofferException>(() => new BackupProtector(rootKey).Unprotect("secret", blob));

        // Assert
        Assert.Equal(400, exception.Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(-1)]
    public void Unprotect_TamperedOrTruncated_ThrowsBadParameter(int index)
    {
        // Arrange
        using var rootKey = new RootKey(RootKey.Generate(), "test");
        var protector = new BackupProtector(rootKey);
        var blob = protector.Protect("secret", Encoding.UTF8.GetBytes("backup body"));
        var damaged = index < 0 ? blob[..10] : blob;
        if (index >= 0)
        {
            damaged[index] ^= 0x40;
        }

        // Act
        var exception = Assert.Throws<CofferException>(() => protector.Unprotect("secret", damaged));

        // Assert
        Assert.Equal(400, exception.Status);
        Assert.Equal(ErrorCodes.BadParameter, exception.Code);
        Assert.Contains("'value'", exception.Message, StringComparison.Ordinal);
    }
}
