using System.Text.Json.Nodes;
using Coffer.Server.Cli;

namespace Coffer.Server.Tests.Cli;

/// <summary>The server's ARM resources reshaped as az prints them.</summary>
public sealed class ResultShapeTests
{
    [Fact]
    public void Identity_PropertiesLifted_ResourceGroupFromId()
    {
        // Arrange
        var resource = JsonNode.Parse("""
            {"id":"/subscriptions/s1/resourceGroups/team-a/providers/Microsoft.ManagedIdentity/userAssignedIdentities/app",
             "name":"app","type":"Microsoft.ManagedIdentity/userAssignedIdentities","location":"local","tags":{"env":"dev"},
             "properties":{"tenantId":"t1","principalId":"p1","clientId":"c1"}}
            """);

        // Act
        var shaped = IdentityCommand.Shape(resource);

        // Assert
        Assert.Equal(
            """{"clientId":"c1","id":"/subscriptions/s1/resourceGroups/team-a/providers/Microsoft.ManagedIdentity/userAssignedIdentities/app","location":"local","name":"app","principalId":"p1","resourceGroup":"team-a","tags":{"env":"dev"},"tenantId":"t1","type":"Microsoft.ManagedIdentity/userAssignedIdentities"}""",
            shaped.ToJsonString());
    }

    [Fact]
    public void RoleAssignment_PropertiesLifted_RoleNameAndResourceGroupAdded()
    {
        // Arrange
        var assignment = JsonNode.Parse("""
            {"id":"/subscriptions/s1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v/providers/Microsoft.Authorization/roleAssignments/a1",
             "name":"a1","type":"Microsoft.Authorization/roleAssignments",
             "properties":{"roleDefinitionId":"/subscriptions/s1/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6",
                           "principalId":"p1","scope":"/subscriptions/s1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v"}}
            """);
        var names = new Dictionary<string, string> { ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User" };

        // Act
        var shaped = RoleAssignmentCommand.Shape(assignment, names);

        // Assert
        Assert.Equal("a1", shaped["name"]!.GetValue<string>());
        Assert.Equal("p1", shaped["principalId"]!.GetValue<string>());
        Assert.Equal("rg", shaped["resourceGroup"]!.GetValue<string>());
        Assert.Equal("Key Vault Secrets User", shaped["roleDefinitionName"]!.GetValue<string>());
        Assert.Equal("/subscriptions/s1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v", shaped["scope"]!.GetValue<string>());
    }
}
