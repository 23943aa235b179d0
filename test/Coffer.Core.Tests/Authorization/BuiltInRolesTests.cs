using Coffer.Core.Authorization;

namespace Coffer.Core.Tests.Authorization;

public sealed class BuiltInRolesTests
{
    public static TheoryData<string> SecretActions =>
    [
        DataActions.SecretGet, DataActions.SecretReadMetadata, DataActions.SecretSet, DataActions.SecretUpdate, DataActions.SecretDelete,
        DataActions.SecretBackup, DataActions.SecretRestore, DataActions.SecretRecover, DataActions.SecretPurge,
    ];

    [Theory]
    [InlineData(DataActions.SecretGet)]
    [InlineData(DataActions.SecretReadMetadata)]
    public void SecretsUser_ReadActions_Allowed(string action)
    {
        // Act
        var allowed = BuiltInRoles.SecretsUser.Allows(action);

        // Assert
        Assert.True(allowed);
    }

    [Theory]
    [InlineData(DataActions.SecretSet)]
    [InlineData(DataActions.SecretUpdate)]
    [InlineData(DataActions.SecretDelete)]
    [InlineData(DataActions.SecretBackup)]
    [InlineData(DataActions.SecretRestore)]
    [InlineData(DataActions.SecretRecover)]
    [InlineData(DataActions.SecretPurge)]
    public void SecretsUser_WriteActions_Denied(string action)
    {
        // Act
        var allowed = BuiltInRoles.SecretsUser.Allows(action);

        // Assert
        Assert.False(allowed);
    }

    [Theory]
    [MemberData(nameof(SecretActions))]
    public void Administrator_EverySecretAction_Allowed(string action)
    {
        // Act
        var allowed = BuiltInRoles.Administrator.Allows(action);

        // Assert
        Assert.True(allowed);
    }

    [Theory]
    [MemberData(nameof(SecretActions))]
    public void SecretsOfficer_EverySecretAction_Allowed(string action)
    {
        // Act
        var allowed = BuiltInRoles.SecretsOfficer.Allows(action);

        // Assert
        Assert.True(allowed);
    }

    [Fact]
    public void Reader_ReadMetadata_AllowedButGetSecretDenied()
    {
        // Act
        var metadata = BuiltInRoles.Reader.Allows(DataActions.SecretReadMetadata);
        var value = BuiltInRoles.Reader.Allows(DataActions.SecretGet);
        var set = BuiltInRoles.Reader.Allows(DataActions.SecretSet);

        // Assert
        Assert.True(metadata);
        Assert.False(value);
        Assert.False(set);
    }

    [Theory]
    [MemberData(nameof(SecretActions))]
    public void CryptoOfficer_AnySecretAction_Denied(string action)
    {
        // Act
        var allowed = BuiltInRoles.CryptoOfficer.Allows(action);

        // Assert
        Assert.False(allowed);
    }

    [Theory]
    [InlineData("00482a5a-887f-4fb3-b363-3b7fe8e74483", "Key Vault Administrator")]
    [InlineData("21090545-7ca7-4776-b22c-e363652d74d2", "Key Vault Reader")]
    [InlineData("b86a8fe4-44ce-4948-aee5-eccb2c155cd7", "Key Vault Secrets Officer")]
    [InlineData("4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User")]
    [InlineData("14b46e9e-c2b7-41b4-b07b-48a6ebf60603", "Key Vault Crypto Officer")]
    [InlineData("12338af0-0e69-4776-bea7-57ae8d297424", "Key Vault Crypto User")]
    [InlineData("e147488a-f6f5-4113-8e2d-b22465e65bf6", "Key Vault Crypto Service Encryption User")]
    [InlineData("08bbd89e-9f13-488c-ac41-acfcb10c90ab", "Key Vault Crypto Service Release User")]
    [InlineData("a4417e6f-fecd-4de8-b567-7b0420556985", "Key Vault Certificates Officer")]
    [InlineData("db79e9a7-68ee-4b58-9aeb-b90e7c24fcba", "Key Vault Certificate User")]
    public void Find_AzureRoleId_ReturnsRoleWithAzureName(string id, string name)
    {
        // Act
        var byId = BuiltInRoles.Find(Guid.Parse(id));
        var byName = BuiltInRoles.FindByName(name.ToUpperInvariant());

        // Assert
        Assert.NotNull(byId);
        Assert.Equal(name, byId.Name);
        Assert.Same(byId, byName);
    }

    [Theory]
    [InlineData("Owner", "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action", true)]
    [InlineData("Managed Identity Operator", "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action", true)]
    [InlineData("Managed Identity Operator", "Microsoft.ManagedIdentity/userAssignedIdentities/read", true)]
    [InlineData("Managed Identity Operator", "Microsoft.ManagedIdentity/userAssignedIdentities/write", false)]
    [InlineData("Managed Identity Operator", "Microsoft.ManagedIdentity/userAssignedIdentities/delete", false)]
    [InlineData("Managed Identity Contributor", "Microsoft.ManagedIdentity/userAssignedIdentities/write", true)]
    [InlineData("Managed Identity Contributor", "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action", false)]
    [InlineData("Reader", "Microsoft.ManagedIdentity/userAssignedIdentities/read", true)]
    [InlineData("Reader", "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action", false)]
    [InlineData("Key Vault Administrator", "Microsoft.ManagedIdentity/userAssignedIdentities/read", false)]
    public void AllowsManagement_ManagedIdentityActions_AsAzure(string role, string action, bool allowed)
    {
        // Arrange
        var definition = BuiltInRoles.FindByName(role)!; // every name above is a built-in role

        // Act
        var result = definition.AllowsManagement(action);

        // Assert
        Assert.Equal(allowed, result);
    }

    [Fact]
    public void Find_UnknownRole_ReturnsNull()
    {
        // Act
        var byId = BuiltInRoles.Find(Guid.NewGuid());
        var byName = BuiltInRoles.FindByName("Global Administrator");

        // Assert
        Assert.Null(byId);
        Assert.Null(byName);
    }

    [Fact]
    public void All_Always_HasDistinctIdsAndNames()
    {
        // Act
        var roles = BuiltInRoles.All;

        // Assert
        Assert.Equal(17, roles.Count);
        Assert.Equal(roles.Count, roles.Select(r => r.Id).Distinct().Count());
        Assert.Equal(roles.Count, roles.Select(r => r.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
