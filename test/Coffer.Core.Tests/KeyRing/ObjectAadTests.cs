using System.Text;
using Coffer.Core.KeyRing;

namespace Coffer.Core.Tests.KeyRing;

public sealed class ObjectAadTests
{
    [Theory]
    [InlineData("secret", "db-password", "0123456789abcdef0123456789abcdef")]
    [InlineData("key", "k", "v")]
    [InlineData("secret", "", "")]
    [InlineData("kïnd", "nämé", "vérsion")]
    public void For_AnyObject_IsTheUtf8OfItsFieldsOnePerLine(string kind, string nameKey, string version)
    {
        // Arrange: the format every stored envelope was sealed with; a different byte would make them all unreadable.
        var vaultId = Guid.NewGuid();
        var expected = Encoding.UTF8.GetBytes(vaultId.ToString("N") + "\n" + kind + "\n" + nameKey + "\n" + version);

        // Act
        var aad = ObjectAad.For(vaultId, kind, nameKey, version);

        // Assert
        Assert.Equal(expected, aad.Bytes);
    }
}
