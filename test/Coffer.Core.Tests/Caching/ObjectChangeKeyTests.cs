using Coffer.Core.Caching;

namespace Coffer.Core.Tests.Caching;

public sealed class ObjectChangeKeyTests
{
    [Theory]
    [InlineData("6f1c1f52-55a4-4d2c-9a8e-6c1f0c3d2b1a/db-password", true)]
    [InlineData("6f1c1f52-55a4-4d2c-9a8e-6c1f0c3d2b1a/", false)]
    [InlineData("not-a-guid-at-all-not-a-guid-at-all!/db", false)]
    [InlineData("db", false)]
    public void TryParse_ReadsWhatFormatWrites(string key, bool valid)
    {
        // Act
        var parsed = ObjectChangeKey.TryParse(key, out var vaultId, out var nameKey);

        // Assert
        Assert.Equal(valid, parsed);
        if (valid)
        {
            Assert.Equal(key, ObjectChangeKey.Format(vaultId, nameKey));
        }
    }
}
