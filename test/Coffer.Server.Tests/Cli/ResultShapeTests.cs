using System.Text.Json.Nodes;
using Coffer.Server.Cli;
using Coffer.Server.Cli.Client;
using Coffer.Server.Cli.KeyVault;

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

    [Fact]
    public void Lock_PropertiesLifted_ResourceGroupFromId()
    {
        // Arrange
        var resource = JsonNode.Parse("""
            {"id":"/subscriptions/s1/resourceGroups/team-a/providers/Microsoft.Authorization/locks/keep","name":"keep",
             "type":"Microsoft.Authorization/locks","properties":{"level":"ReadOnly","notes":"n","owners":[]}}
            """);

        // Act
        var shaped = LockCommand.Shape(resource);

        // Assert
        Assert.Equal(
            """{"id":"/subscriptions/s1/resourceGroups/team-a/providers/Microsoft.Authorization/locks/keep","level":"ReadOnly","name":"keep","notes":"n","owners":[],"resourceGroup":"team-a","type":"Microsoft.Authorization/locks"}""",
            OutputWriter.Sorted(shaped)!.ToJsonString());
    }

    [Fact]
    public void Lock_AtTheSubscription_HasNoResourceGroup()
    {
        // Act
        var shaped = LockCommand.Shape(JsonNode.Parse("""{"id":"/subscriptions/s1/providers/Microsoft.Authorization/locks/all","name":"all","properties":{"level":"CanNotDelete"}}"""));

        // Assert
        Assert.False(shaped.ContainsKey("resourceGroup"));
        Assert.Equal("Microsoft.Authorization/locks", shaped["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("2030-01-31T10:00:00Z", "2030-01-31T10:00:00+00:00")]
    [InlineData("2030-01-31T12:00:00+02:00", "2030-01-31T10:00:00+00:00")]
    [InlineData("2030-01-31T10:00:00.25Z", "2030-01-31T10:00:00.250000+00:00")]
    public void SecretTime_IsWrittenAsPythonsIsoformat(string given, string expected) =>
        Assert.Equal(expected, SecretShapes.Time(DateTimeOffset.Parse(given, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void ServiceError_PrintedAsAz_WithInnerError()
    {
        // Arrange
        var body = JsonNode.Parse("""{"error":{"code":"Forbidden","message":"Caller is not authorized.","innererror":{"code":"ForbiddenByRbac"}}}""");

        // Act
        var text = CommandFailedException.FromError(body, "fallback").Describe();

        // Assert
        Assert.Equal("(Forbidden) Caller is not authorized.\nCode: Forbidden\nMessage: Caller is not authorized.\nInner error: {\n  \"code\": \"ForbiddenByRbac\"\n}", text);
    }
}
