using System.Net;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Authorization;
using Coffer.Core.Identity;

namespace Coffer.Api.Tests.Management;

/// <summary>The role-assignment and role-definition API on the wire: shapes, list filters, and ARM's errors.</summary>
public sealed class RoleAssignmentWireTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string V = "?api-version=2022-04-01";
    private const string Assignments = "/providers/Microsoft.Authorization/roleAssignments";

    private string Body(Guid principal, RoleDefinition role, string? definitionPrefix = null) =>
        $$$"""{"properties":{"roleDefinitionId":"{{{definitionPrefix ?? fixture.Subscription()}}}/providers/Microsoft.Authorization/roleDefinitions/{{{role.Id:D}}}","principalId":"{{{principal:D}}}"}}""";

    [Fact]
    public async Task Put_NewAssignment_Returns201WithArmShape()
    {
        // Arrange
        var scope = fixture.Subscription() + "/resourceGroups/shape";
        var name = Guid.NewGuid();
        var principal = Guid.NewGuid();

        // Act
        var body = await fixture.ArmJsonAsync(HttpMethod.Put, $"{scope}{Assignments}/{name}{V}", Body(principal, BuiltInRoles.SecretsOfficer, string.Empty), HttpStatusCode.Created);

        // Assert
        Assert.Equal(["id", "name", "properties", "type"], Wire.PropertyNames(body));
        Assert.Equal($"{scope}{Assignments}/{name}", body.GetProperty("id").GetString());
        var properties = body.GetProperty("properties");
        Assert.Equal(["createdBy", "createdOn", "principalId", "principalType", "roleDefinitionId", "scope", "updatedBy", "updatedOn"], Wire.PropertyNames(properties));
        Assert.Equal($"{fixture.Subscription()}/providers/Microsoft.Authorization/roleDefinitions/{BuiltInRoles.SecretsOfficer.Id:D}", properties.GetProperty("roleDefinitionId").GetString());
        Assert.Equal("ServicePrincipal", properties.GetProperty("principalType").GetString());
        Assert.EndsWith("Z", properties.GetProperty("createdOn").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Filters_FollowArmScopeRules()
    {
        // Arrange
        var principal = Guid.NewGuid();
        var group = fixture.Subscription() + "/resourceGroups/filters-" + Guid.NewGuid().ToString("N")[..6];
        var vault = group + "/providers/Microsoft.KeyVault/vaults/filtered";
        foreach (var scope in new[] { group, vault, vault + "/secrets/one" })
        {
            await fixture.ArmJsonAsync(HttpMethod.Put, $"{scope}{Assignments}/{Guid.NewGuid()}{V}", Body(principal, BuiltInRoles.SecretsUser), HttpStatusCode.Created);
        }

        string Filter(string filter) => "&$filter=" + Uri.EscapeDataString(filter);

        // Act
        var all = await fixture.ArmJsonAsync(HttpMethod.Get, $"{vault}{Assignments}{V}{Filter($"principalId eq '{principal}'")}");
        var atScope = await fixture.ArmJsonAsync(HttpMethod.Get, $"{vault}{Assignments}{V}{Filter($"atScope() and assignedTo('{principal}')")}");

        // Assert
        Assert.Equal([group, vault, vault + "/secrets/one"], all.GetProperty("value").EnumerateArray().Select(a => a.GetProperty("properties").GetProperty("scope").GetString()).Order().ToArray());
        Assert.Equal([group, vault], atScope.GetProperty("value").EnumerateArray().Select(a => a.GetProperty("properties").GetProperty("scope").GetString()).Order().ToArray());
    }

    [Theory]
    [InlineData("/subscriptions/not-a-guid", HttpStatusCode.BadRequest, "InvalidScope")]
    [InlineData("/subscriptions/{sub}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/a", HttpStatusCode.BadRequest, "InvalidScope")]
    [InlineData("/subscriptions/{sub}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/okay/widgets/x", HttpStatusCode.BadRequest, "InvalidScope")]
    [InlineData("/subscriptions/00000000-0000-0000-0000-000000000001", HttpStatusCode.NotFound, "SubscriptionNotFound")]
    public async Task Put_BadScope_ReturnsArmErrorAndWritesNothing(string scope, HttpStatusCode status, string code)
    {
        // Arrange
        var principal = Guid.NewGuid();
        var path = scope.Replace("/subscriptions/{sub}", fixture.Subscription(), StringComparison.Ordinal) + $"{Assignments}/{Guid.NewGuid()}{V}";

        // Act
        using var response = await fixture.ArmAsync(fixture.Token, HttpMethod.Put, path, Body(principal, BuiltInRoles.SecretsUser));

        // Assert
        await Wire.AssertErrorAsync(response, status, code);
        Assert.DoesNotContain(await fixture.GetService<AccessEvaluator>().ListAsync(TestContext.Current.CancellationToken), a => a.PrincipalId == principal);
    }

    [Theory]
    [InlineData("""{"properties":{"roleDefinitionId":"/providers/Microsoft.Authorization/roleDefinitions/11111111-1111-1111-1111-111111111111","principalId":"{p}"}}""", "RoleDefinitionDoesNotExist")]
    [InlineData("""{"properties":{"roleDefinitionId":"/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6","principalId":"nope"}}""", "InvalidPrincipalId")]
    [InlineData("""{"properties":{"roleDefinitionId":"/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6","principalId":"{p}","principalType":"Robot"}}""", "BadRequest")]
    [InlineData("""{"nothing":1}""", "InvalidRequestContent")]
    [InlineData("""not json""", "InvalidRequestContent")]
    public async Task Put_BadBody_Returns400(string json, string code)
    {
        // Arrange
        var principal = Guid.NewGuid();

        // Act
        using var response = await fixture.ArmAsync(fixture.Token, HttpMethod.Put, $"{fixture.Subscription()}{Assignments}/{Guid.NewGuid()}{V}", json.Replace("{p}", principal.ToString(), StringComparison.Ordinal));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, code);
        Assert.DoesNotContain(await fixture.GetService<AccessEvaluator>().ListAsync(TestContext.Current.CancellationToken), a => a.PrincipalId == principal);
    }

    [Fact]
    public async Task Put_SameIdOtherPrincipal_Returns400UpdateNotPermitted()
    {
        // Arrange
        var path = $"{fixture.Subscription()}{Assignments}/{Guid.NewGuid()}{V}";
        await fixture.ArmJsonAsync(HttpMethod.Put, path, Body(Guid.NewGuid(), BuiltInRoles.SecretsUser), HttpStatusCode.Created);

        // Act
        using var response = await fixture.ArmAsync(fixture.Token, HttpMethod.Put, path, Body(Guid.NewGuid(), BuiltInRoles.SecretsUser));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "RoleAssignmentUpdateNotPermitted");
    }

    [Fact]
    public async Task Put_CallerWithoutManagementRole_Returns403AuthorizationFailed()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (identity, credential) = await fixture.GetService<IdentityService>().CreateAsync("ra-" + Guid.NewGuid().ToString("N")[..8], ct);
        // A data role reaches secrets, not role assignments.
        await fixture.GetService<AccessEvaluator>().AssignAsync(identity.PrincipalId, BuiltInRoles.Administrator, "/", ct);
        var token = await fixture.Server.GetTokenAsync(credential);

        // Act
        using var response = await fixture.ArmAsync(token, HttpMethod.Put, $"{fixture.Subscription()}{Assignments}/{Guid.NewGuid()}{V}", Body(identity.PrincipalId, BuiltInRoles.Administrator));

        // Assert
        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.Forbidden, "AuthorizationFailed");
        Assert.Contains(identity.PrincipalId.ToString("D"), message, StringComparison.Ordinal);
        Assert.Contains("Microsoft.Authorization/roleAssignments/write", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_Unknown_Returns204()
    {
        // Act
        using var response = await fixture.ArmAsync(fixture.Token, HttpMethod.Delete, $"{fixture.Subscription()}{Assignments}/{Guid.NewGuid()}{V}");

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Get_NoApiVersion_Returns400MissingApiVersionParameter()
    {
        // Act
        using var response = await fixture.ArmAsync(fixture.Token, HttpMethod.Get, $"{fixture.Subscription()}{Assignments}");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "MissingApiVersionParameter");
    }

    [Fact]
    public async Task RoleDefinitions_ByNameAndById_HaveArmShape()
    {
        // Act
        var list = await fixture.ArmJsonAsync(HttpMethod.Get, $"{fixture.Subscription()}/providers/Microsoft.Authorization/roleDefinitions{V}&$filter=" + Uri.EscapeDataString("roleName eq 'Key Vault Secrets User'"));
        var byId = await fixture.ArmJsonAsync(HttpMethod.Get, $"/providers/Microsoft.Authorization/roleDefinitions/{BuiltInRoles.Owner.Id:D}{V}");

        // Assert
        var role = Assert.Single(list.GetProperty("value").EnumerateArray());
        Assert.Equal($"{fixture.Subscription()}/providers/Microsoft.Authorization/roleDefinitions/{BuiltInRoles.SecretsUser.Id:D}", role.GetProperty("id").GetString());
        Assert.Equal("Microsoft.Authorization/roleDefinitions", role.GetProperty("type").GetString());
        var properties = role.GetProperty("properties");
        Assert.Equal("Key Vault Secrets User", properties.GetProperty("roleName").GetString());
        Assert.Equal("BuiltInRole", properties.GetProperty("type").GetString());
        var permission = Assert.Single(properties.GetProperty("permissions").EnumerateArray());
        Assert.Equal(BuiltInRoles.SecretsUser.DataActions, permission.GetProperty("dataActions").EnumerateArray().Select(a => a.GetString()!).ToArray());
        Assert.Equal(["/"], properties.GetProperty("assignableScopes").EnumerateArray().Select(a => a.GetString()!).ToArray());
        Assert.Equal($"/providers/Microsoft.Authorization/roleDefinitions/{BuiltInRoles.Owner.Id:D}", byId.GetProperty("id").GetString());
        Assert.Equal(["*"], byId.GetProperty("properties").GetProperty("permissions")[0].GetProperty("actions").EnumerateArray().Select(a => a.GetString()!).ToArray());
    }
}
