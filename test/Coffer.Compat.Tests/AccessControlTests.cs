using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Coffer.Core;
using Coffer.Core.Authorization;
using Coffer.Core.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Compat.Tests;

/// <summary>
/// Authorization as the unmodified SDK meets it: a role on one vault, a vault on access policies, and the management
/// API (vaults, access policies, role assignments) driven through Azure.Core with DefaultAzureCredential.
/// </summary>
public sealed class AccessControlTests(CompatFixture fixture)
{
    private const string ApiVersion = "?api-version=2023-07-01";
    private const string RbacApiVersion = "?api-version=2022-04-01";

    private Deployment Deployment => fixture.Server.Services.GetRequiredService<Deployment>();

    private string Group(string name) => $"/subscriptions/{Deployment.SubscriptionId:D}/resourceGroups/{name}";

    [Fact]
    public async Task AccessPolicyVault_OnlyGet_GetWorksAndListIs403AccessDenied()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var arm = new ArmCalls(fixture, fixture.Credential);
        var dev = (await fixture.Server.Services.GetRequiredService<IdentityService>().FindAsync("dev", ct))!; // --dev creates it
        var vaultName = "ap" + Guid.NewGuid().ToString("N")[..12];
        var vaultPath = $"{Group("compat")}/providers/Microsoft.KeyVault/vaults/{vaultName}";
        var policy = $$$"""{"tenantId":"{{{Deployment.TenantId:D}}}","objectId":"{{{dev.PrincipalId:D}}}","permissions":{"secrets":[%PERMS%]}}""";
        var created = await arm.SendAsync(RequestMethod.Put, vaultPath + ApiVersion, $$$"""
            {"location":"westeurope","properties":{"tenantId":"{{{Deployment.TenantId:D}}}","sku":{"family":"A","name":"standard"},
             "enableRbacAuthorization":false,"accessPolicies":[{{{policy.Replace("%PERMS%", "\"Get\",\"Set\"", StringComparison.Ordinal)}}}]}}
            """);
        var client = new SecretClient(fixture.Server.VaultUri(vaultName), fixture.Credential, Options());
        await client.SetSecretAsync("held", "value-1", ct);

        // Act
        var replaced = await arm.SendAsync(RequestMethod.Put, vaultPath + "/accessPolicies/replace" + ApiVersion,
            $$$"""{"properties":{"accessPolicies":[{{{policy.Replace("%PERMS%", "\"get\"", StringComparison.Ordinal)}}}]}}""");
        var read = (await client.GetSecretAsync("held", cancellationToken: ct)).Value;
        var list = await Assert.ThrowsAsync<RequestFailedException>(async () =>
        {
            await foreach (var _ in client.GetPropertiesOfSecretsAsync(ct))
            {
            }
        });
        var set = await Assert.ThrowsAsync<RequestFailedException>(() => client.SetSecretAsync("held", "value-2", ct));

        // Assert
        Assert.Equal(201, created.Status);
        Assert.False(created.Body.GetProperty("properties").GetProperty("enableRbacAuthorization").GetBoolean());
        Assert.Equal(200, replaced.Status);
        Assert.Equal("value-1", read.Value);
        Assert.Equal(403, list.Status);
        Assert.Equal("Forbidden", list.ErrorCode);
        Assert.Contains("does not have secrets list permission", list.Message, StringComparison.Ordinal);
        Assert.Contains("AccessDenied", list.Message, StringComparison.Ordinal);
        Assert.Equal(403, set.Status);
        Assert.DoesNotContain("value-2", set.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vault_PutGetAndList_HaveAzuresShape()
    {
        // Arrange
        var arm = new ArmCalls(fixture, fixture.Credential);
        var vaultName = "sh" + Guid.NewGuid().ToString("N")[..12];
        var group = Group("shape-" + vaultName);
        var vaultPath = $"{group}/providers/Microsoft.KeyVault/vaults/{vaultName}";

        // Act
        var put = await arm.SendAsync(RequestMethod.Put, vaultPath + ApiVersion, $$$"""
            {"location":"westeurope","tags":{"env":"test"},"properties":{"tenantId":"{{{Deployment.TenantId:D}}}","sku":{"family":"A","name":"Standard"},"softDeleteRetentionInDays":30}}
            """);
        var get = await arm.SendAsync(RequestMethod.Get, vaultPath + ApiVersion);
        var list = await arm.SendAsync(RequestMethod.Get, $"{group}/providers/Microsoft.KeyVault/vaults{ApiVersion}");

        // Assert
        Assert.Equal(201, put.Status);
        Assert.Equal(200, get.Status);
        var body = get.Body;
        Assert.Equal(vaultPath, body.GetProperty("id").GetString());
        Assert.Equal(vaultName, body.GetProperty("name").GetString());
        Assert.Equal("Microsoft.KeyVault/vaults", body.GetProperty("type").GetString());
        Assert.Equal("westeurope", body.GetProperty("location").GetString());
        Assert.Equal("test", body.GetProperty("tags").GetProperty("env").GetString());
        var properties = body.GetProperty("properties");
        Assert.Equal(Deployment.TenantId.ToString("D"), properties.GetProperty("tenantId").GetString());
        Assert.Equal("A", properties.GetProperty("sku").GetProperty("family").GetString());
        Assert.Equal("standard", properties.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal($"https://{vaultName}.localhost:{fixture.Server.Port}/", properties.GetProperty("vaultUri").GetString());
        Assert.True(properties.GetProperty("enableRbacAuthorization").GetBoolean());
        Assert.True(properties.GetProperty("enableSoftDelete").GetBoolean());
        Assert.Equal(30, properties.GetProperty("softDeleteRetentionInDays").GetInt32());
        Assert.Equal("Succeeded", properties.GetProperty("provisioningState").GetString());
        Assert.Equal(0, properties.GetProperty("accessPolicies").GetArrayLength());
        var listed = Assert.Single(list.Body.GetProperty("value").EnumerateArray());
        Assert.Equal(vaultPath, listed.GetProperty("id").GetString());
    }

    [Fact]
    public async Task RoleAssignments_CreateListDelete_RoundTripAndErrors()
    {
        // Arrange
        var arm = new ArmCalls(fixture, fixture.Credential);
        var principal = Guid.NewGuid();
        var scope = $"{Group("ra-" + Guid.NewGuid().ToString("N")[..8])}/providers/Microsoft.KeyVault/vaults/somevault";
        var name = Guid.NewGuid();
        var path = $"{scope}/providers/Microsoft.Authorization/roleAssignments/{name}{RbacApiVersion}";
        var body = $$$"""
            {"properties":{"roleDefinitionId":"/subscriptions/{{{Deployment.SubscriptionId:D}}}/providers/Microsoft.Authorization/roleDefinitions/{{{BuiltInRoles.SecretsUser.Id:D}}}","principalId":"{{{principal:D}}}","principalType":"ServicePrincipal"}}
            """;

        // Act
        var created = await arm.SendAsync(RequestMethod.Put, path, body);
        var again = await arm.SendAsync(RequestMethod.Put, $"{scope}/providers/Microsoft.Authorization/roleAssignments/{Guid.NewGuid()}{RbacApiVersion}", body);
        var badId = await arm.SendAsync(RequestMethod.Put, $"{scope}/providers/Microsoft.Authorization/roleAssignments/not-a-guid{RbacApiVersion}", body);
        var listed = await arm.SendAsync(RequestMethod.Get, $"{scope}/providers/Microsoft.Authorization/roleAssignments{RbacApiVersion}&$filter=" + Uri.EscapeDataString($"principalId eq '{principal:D}'"));
        var deleted = await arm.SendAsync(RequestMethod.Delete, path);
        var afterDelete = await arm.SendAsync(RequestMethod.Get, path);

        // Assert
        Assert.Equal(201, created.Status);
        Assert.Equal($"{scope}/providers/Microsoft.Authorization/roleAssignments/{name}", created.Body.GetProperty("id").GetString());
        Assert.Equal("Microsoft.Authorization/roleAssignments", created.Body.GetProperty("type").GetString());
        Assert.Equal(scope, created.Body.GetProperty("properties").GetProperty("scope").GetString());
        Assert.Equal(principal.ToString("D"), created.Body.GetProperty("properties").GetProperty("principalId").GetString());
        Assert.Equal(409, again.Status);
        Assert.Equal("RoleAssignmentExists", again.Body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(400, badId.Status);
        Assert.Equal("InvalidRoleAssignmentId", badId.Body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(name.ToString("D"), Assert.Single(listed.Body.GetProperty("value").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(200, deleted.Status);
        Assert.Equal(404, afterDelete.Status);
        Assert.Equal("RoleAssignmentNotFound", afterDelete.Body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task RoleAssignments_NoToken_Returns401WithChallenge()
    {
        // Arrange
        using var client = fixture.Server.CreateHttpClient();

        // Act
        using var response = await client.GetAsync(
            $"{fixture.Server.Resource}/subscriptions/{Deployment.SubscriptionId:D}/providers/Microsoft.Authorization/roleAssignments{RbacApiVersion}",
            TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(401, (int)response.StatusCode);
        Assert.Contains("AuthenticationFailed", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.StartsWith("Bearer authorization_uri=", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    private SecretClientOptions Options()
    {
        var options = new SecretClientOptions { Transport = new HttpClientTransport(fixture.Server.CreateHandler()) };
        options.Retry.MaxRetries = 0;
        return options;
    }
}
