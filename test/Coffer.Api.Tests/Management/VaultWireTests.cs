using System.Net;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core;
using Coffer.Core.Vaults;

namespace Coffer.Api.Tests.Management;

/// <summary>The vault API on the wire: validation, resource groups, access-policy updates and the data plane seeing them at once.</summary>
public sealed class VaultWireTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string V = "?api-version=2023-07-01";

    private string Tenant => fixture.GetService<Deployment>().TenantId.ToString("D");

    private string VaultPath(string group, string name) => $"{fixture.Subscription()}/resourceGroups/{group}/providers/Microsoft.KeyVault/vaults/{name}";

    private string CreateBody(string extra = "") =>
        $$$"""{"location":"local","properties":{"tenantId":"{{{Tenant}}}","sku":{"family":"A","name":"standard"}{{{extra}}}}}""";

    [Theory]
    [InlineData("ab")]
    [InlineData("1abc")]
    [InlineData("ab--cd")]
    [InlineData("abc-")]
    [InlineData("abcdefghijklmnopqrstuvwxy")]
    public async Task Put_InvalidName_Returns400VaultNameNotValid(string name)
    {
        // Act
        using var response = await fixture.ArmAsync(fixture.Token, HttpMethod.Put, VaultPath("rg", name) + V, CreateBody());

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "VaultNameNotValid");
    }

    [Theory]
    [InlineData("""{"properties":{"tenantId":"{t}","sku":{"family":"A","name":"standard"}}}""")]
    [InlineData("""{"location":"local","properties":{"tenantId":"{t}"}}""")]
    [InlineData("""{"location":"local","properties":{"tenantId":"{t}","sku":{"family":"A","name":"gold"}}}""")]
    [InlineData("""{"location":"local","properties":{"tenantId":"{t}","sku":{"family":"A","name":"standard"},"enableSoftDelete":false}}""")]
    [InlineData("""{"location":"local","properties":{"tenantId":"{t}","sku":{"family":"A","name":"standard"},"softDeleteRetentionInDays":6}}""")]
    [InlineData("""{"location":"local","properties":{"tenantId":"00000000-0000-0000-0000-000000000001","sku":{"family":"A","name":"standard"}}}""")]
    [InlineData("""{"location":"local","properties":{"tenantId":"{t}","sku":{"family":"A","name":"standard"},"accessPolicies":[{"tenantId":"{t}","objectId":"{t}","permissions":{"secrets":["read"]}}]}}""")]
    public async Task Put_BadBody_Returns400AndCreatesNothing(string json)
    {
        // Arrange
        var name = "bad" + Guid.NewGuid().ToString("N")[..10];

        // Act
        using var response = await fixture.ArmAsync(fixture.Token, HttpMethod.Put, VaultPath("rg", name) + V, json.Replace("{t}", Tenant, StringComparison.Ordinal));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Null(await fixture.GetService<VaultDirectory>().FindAsync(name, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Put_NameTakenInOtherGroup_Returns409AndGetThereIs404()
    {
        // Arrange
        var name = "tk" + Guid.NewGuid().ToString("N")[..10];
        await fixture.ArmJsonAsync(HttpMethod.Put, VaultPath("first", name) + V, CreateBody(), HttpStatusCode.Created);

        // Act
        using var put = await fixture.ArmAsync(fixture.Token, HttpMethod.Put, VaultPath("second", name) + V, CreateBody());
        using var get = await fixture.ArmAsync(fixture.Token, HttpMethod.Get, VaultPath("second", name) + V);

        // Assert
        await Wire.AssertErrorAsync(put, HttpStatusCode.Conflict, "VaultAlreadyExists");
        await Wire.AssertErrorAsync(get, HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Fact]
    public async Task AccessPolicies_AddReplaceRemove_ChangeTheListAndTheDataPlaneAtOnce()
    {
        // Arrange
        var name = "pl" + Guid.NewGuid().ToString("N")[..10];
        var path = VaultPath("policies", name);
        await fixture.ArmJsonAsync(HttpMethod.Put, path + V, CreateBody(""","enableRbacAuthorization":false"""), HttpStatusCode.Created);
        var dev = (await fixture.GetService<Coffer.Core.Identity.IdentityService>().FindAsync("dev", TestContext.Current.CancellationToken))!; // --dev creates it
        string Entry(string secrets) => $$$"""{"properties":{"accessPolicies":[{"tenantId":"{{{Tenant}}}","objectId":"{{{dev.PrincipalId:D}}}","permissions":{"secrets":[{{{secrets}}}]}}]}}""";
        var vaultUri = fixture.Server.VaultUri(name);
        async Task<HttpStatusCode> ListSecretsAsync()
        {
            using var response = await fixture.SendAsync(fixture.Request(HttpMethod.Get, $"/secrets?api-version={ServerFixture.ApiVersion}", baseUri: vaultUri));
            return response.StatusCode;
        }

        // Act
        var before = await ListSecretsAsync();
        var added = await fixture.ArmJsonAsync(HttpMethod.Put, path + "/accessPolicies/add" + V, Entry("\"get\""));
        await fixture.ArmJsonAsync(HttpMethod.Put, path + "/accessPolicies/add" + V, Entry("\"List\""));
        var afterAdd = await ListSecretsAsync();
        await fixture.ArmJsonAsync(HttpMethod.Put, path + "/accessPolicies/remove" + V, Entry("\"list\""));
        var afterRemove = await ListSecretsAsync();
        var vault = await fixture.ArmJsonAsync(HttpMethod.Get, path + V);

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, before);
        Assert.Equal(path + "/accessPolicies/add", added.GetProperty("id").GetString());
        Assert.Equal("Microsoft.KeyVault/vaults/accessPolicies", added.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, afterAdd);
        Assert.Equal(HttpStatusCode.Forbidden, afterRemove);
        var policy = Assert.Single(vault.GetProperty("properties").GetProperty("accessPolicies").EnumerateArray());
        Assert.Equal(["get"], policy.GetProperty("permissions").GetProperty("secrets").EnumerateArray().Select(p => p.GetString()!).ToArray());
    }

    [Fact]
    public async Task Patch_EnableRbac_SwitchesTheVaultBackToRoles()
    {
        // Arrange
        var name = "pt" + Guid.NewGuid().ToString("N")[..10];
        var path = VaultPath("patch", name);
        await fixture.ArmJsonAsync(HttpMethod.Put, path + V, CreateBody(""","enableRbacAuthorization":false"""), HttpStatusCode.Created);
        using var denied = await fixture.SendAsync(fixture.Request(HttpMethod.Get, $"/secrets?api-version={ServerFixture.ApiVersion}", baseUri: fixture.Server.VaultUri(name)));

        // Act
        var patched = await fixture.ArmJsonAsync(HttpMethod.Patch, path + V, """{"tags":{"a":"b"},"properties":{"enableRbacAuthorization":true}}""");
        using var allowed = await fixture.SendAsync(fixture.Request(HttpMethod.Get, $"/secrets?api-version={ServerFixture.ApiVersion}", baseUri: fixture.Server.VaultUri(name)));

        // Assert
        await Wire.AssertErrorAsync(denied, HttpStatusCode.Forbidden, "Forbidden", "AccessDenied");
        Assert.True(patched.GetProperty("properties").GetProperty("enableRbacAuthorization").GetBoolean());
        Assert.Equal("b", patched.GetProperty("tags").GetProperty("a").GetString());
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }
}
