using Coffer.Core.Authorization;

namespace Coffer.Core.Tests.Authorization;

public sealed class RoleDefinitionTests
{
    [Theory]
    [InlineData("Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/getSecret/action")]
    [InlineData("microsoft.keyvault/vaults/SECRETS/getsecret/ACTION", "Microsoft.KeyVault/vaults/secrets/getSecret/action")]
    [InlineData("Microsoft.KeyVault/vaults/*", "Microsoft.KeyVault/vaults/secrets/getSecret/action")]
    [InlineData("Microsoft.KeyVault/vaults/*", "Microsoft.KeyVault/vaults/")]
    [InlineData("Microsoft.KeyVault/vaults/secrets/*", "Microsoft.KeyVault/vaults/secrets/delete")]
    [InlineData("Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/vaults/keys/read")]
    [InlineData("Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/vaults/a/b/c/read")]
    [InlineData("Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action", "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action")]
    [InlineData("Microsoft.ManagedIdentity/userAssignedIdentities/*/read", "Microsoft.ManagedIdentity/userAssignedIdentities/read")]
    [InlineData("a*b*c", "abc")]
    [InlineData("a*b*c", "axxbyyc")]
    [InlineData("*", "")]
    [InlineData("*", "anything/at/all")]
    [InlineData("**", "x")]
    public void Matches_PatternCoversAction_ReturnsTrue(string pattern, string action)
    {
        // Act
        var matches = RoleDefinition.Matches(pattern, action);

        // Assert
        Assert.True(matches);
    }

    [Theory]
    [InlineData("Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/setSecret/action")]
    [InlineData("Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/getSecret/actions")]
    [InlineData("Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/getSecret")]
    [InlineData("Microsoft.KeyVault/vaults/*", "Microsoft.KeyVault/vaults")]
    [InlineData("Microsoft.KeyVault/vaults/*", "Microsoft.KeyVault/managedHsms/keys/read")]
    [InlineData("Microsoft.KeyVault/vaults/secrets/*", "Microsoft.KeyVault/vaults/keys/read")]
    [InlineData("Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/vaults/secrets/getSecret/action")]
    [InlineData("Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/vaults/keys/read/action")]
    [InlineData("a*b*c", "acb")]
    [InlineData("Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action", "Microsoft.ManagedIdentity/userAssignedIdentitiesassign/action")]
    [InlineData("Microsoft.ManagedIdentity/userAssignedIdentities/*/read", "Microsoft.ManagedIdentity/userAssignedIdentities/write")]
    [InlineData("a*b*c", "abcd")]
    [InlineData("", "x")]
    public void Matches_PatternDoesNotCoverAction_ReturnsFalse(string pattern, string action)
    {
        // Act
        var matches = RoleDefinition.Matches(pattern, action);

        // Assert
        Assert.False(matches);
    }

    [Fact]
    public void Allows_AnyPatternMatches_ReturnsTrue()
    {
        // Arrange
        var role = new RoleDefinition(Guid.NewGuid(), "Custom", ["Microsoft.KeyVault/vaults/keys/read", "Microsoft.KeyVault/vaults/secrets/*"]);

        // Act
        var secrets = role.Allows(DataActions.SecretPurge);
        var keys = role.Allows("Microsoft.KeyVault/vaults/keys/read");
        var certificates = role.Allows("Microsoft.KeyVault/vaults/certificates/read");

        // Assert
        Assert.True(secrets);
        Assert.True(keys);
        Assert.False(certificates);
    }

    [Fact]
    public void Allows_NoDataActions_ReturnsFalse()
    {
        // Arrange
        var role = new RoleDefinition(Guid.NewGuid(), "Empty", []);

        // Act
        var allowed = role.Allows(DataActions.SecretGet);

        // Assert
        Assert.False(allowed);
    }
}
