using System.Net;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Authorization;
using Coffer.Core.Vaults;
using static Coffer.Api.Tests.Management.VaultLifecycleCalls;

namespace Coffer.Api.Tests.Management;

/// <summary>
/// Deleting a vault on the wire: soft delete (data plane gone, name held), deleted vaults listed and read, recovery
/// with the objects intact, purge and purge protection, retention fixed once set, role assignments removed.
/// </summary>
public sealed class VaultLifecycleWireTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Delete_LiveVault_Returns200AndDataPlaneAnswersVaultNotFound()
    {
        // Arrange
        var name = NewVaultName("del");
        await fixture.CreateVaultAsync("life", name);
        using (var set = await fixture.DataAsync(name, HttpMethod.Put, SecretCalls.Path("api-key"), SecretCalls.SetBody("s3cret")))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        // Act
        using var delete = await fixture.ArmAsync(fixture.Token, HttpMethod.Delete, fixture.VaultPath("life", name) + V);
        using var again = await fixture.ArmAsync(fixture.Token, HttpMethod.Delete, fixture.VaultPath("life", name) + V);
        using var data = await fixture.DataAsync(name, HttpMethod.Get, SecretCalls.Path("api-key"));
        using var get = await fixture.ArmAsync(fixture.Token, HttpMethod.Get, fixture.VaultPath("life", name) + V);

        // Assert
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        await Wire.AssertErrorAsync(data, HttpStatusCode.NotFound, "VaultNotFound");
        await Wire.AssertErrorAsync(get, HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Fact]
    public async Task DeletedVault_ListAndGet_HaveArmShape()
    {
        // Arrange
        var name = NewVaultName("shape");
        await fixture.CreateVaultAsync("life", name, ""","softDeleteRetentionInDays":7,"enablePurgeProtection":true""");
        var vaultId = fixture.VaultPath("life", name);
        await fixture.ArmJsonAsync(HttpMethod.Patch, vaultId + V, """{"tags":{"team":"billing"}}""");
        using (var delete = await fixture.ArmAsync(fixture.Token, HttpMethod.Delete, vaultId + V))
        {
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }

        // Act
        var list = await fixture.ArmJsonAsync(HttpMethod.Get, $"{fixture.Subscription()}/providers/Microsoft.KeyVault/deletedVaults{V}");
        var one = await fixture.ArmJsonAsync(HttpMethod.Get, fixture.DeletedPath(name) + V);

        // Assert
        Assert.Contains(list.GetProperty("value").EnumerateArray(), v => v.GetProperty("name").GetString() == name);
        Assert.Equal(["id", "name", "properties", "type"], Wire.PropertyNames(one));
        Assert.Equal(fixture.DeletedPath(name), one.GetProperty("id").GetString());
        Assert.Equal("Microsoft.KeyVault/deletedVaults", one.GetProperty("type").GetString());
        var properties = one.GetProperty("properties");
        Assert.Equal(["deletionDate", "location", "purgeProtectionEnabled", "scheduledPurgeDate", "tags", "vaultId"], Wire.PropertyNames(properties));
        Assert.Equal(vaultId, properties.GetProperty("vaultId").GetString());
        Assert.Equal("local", properties.GetProperty("location").GetString());
        Assert.True(properties.GetProperty("purgeProtectionEnabled").GetBoolean());
        Assert.Equal("billing", properties.GetProperty("tags").GetProperty("team").GetString());
        var deleted = DateTimeOffset.Parse(properties.GetProperty("deletionDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture); // checked present above
        var purge = DateTimeOffset.Parse(properties.GetProperty("scheduledPurgeDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.EndsWith("Z", properties.GetProperty("deletionDate").GetString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromDays(7), purge - deleted);
    }

    [Fact]
    public async Task GetDeleted_UnknownOrOtherLocation_Returns404()
    {
        // Arrange
        var name = NewVaultName("loc");
        await fixture.CreateVaultAsync("life", name);
        await fixture.ArmAsync(fixture.Token, HttpMethod.Delete, fixture.VaultPath("life", name) + V);

        // Act
        using var unknown = await fixture.ArmAsync(fixture.Token, HttpMethod.Get, fixture.DeletedPath(NewVaultName("none")) + V);
        using var elsewhere = await fixture.ArmAsync(fixture.Token, HttpMethod.Get, fixture.DeletedPath(name, "westeurope") + V);

        // Assert
        await Wire.AssertErrorAsync(unknown, HttpStatusCode.NotFound, "ResourceNotFound");
        await Wire.AssertErrorAsync(elsewhere, HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Fact]
    public async Task Create_NameOfDeletedVault_Returns409ConflictErrorWithAzureMessage()
    {
        // Arrange
        var name = NewVaultName("held");
        await fixture.CreateVaultAsync("life", name);
        await fixture.ArmAsync(fixture.Token, HttpMethod.Delete, fixture.VaultPath("life", name) + V);

        // Act
        using var sameGroup = await fixture.ArmAsync(fixture.Token, HttpMethod.Put, fixture.VaultPath("life", name) + V, fixture.CreateBody());
        using var otherGroup = await fixture.ArmAsync(fixture.Token, HttpMethod.Put, fixture.VaultPath("other", name) + V, fixture.CreateBody());

        // Assert
        var message = await Wire.AssertErrorAsync(sameGroup, HttpStatusCode.Conflict, "ConflictError");
        Assert.StartsWith("A vault with the same name already exists in deleted state. You need to either recover or purge existing key vault.", message, StringComparison.Ordinal);
        await Wire.AssertErrorAsync(otherGroup, HttpStatusCode.Conflict, "ConflictError");
    }

    [Fact]
    public async Task Recover_DeletedVault_Returns200AndSecretsAreIntact()
    {
        // Arrange
        var name = NewVaultName("rec");
        await fixture.CreateVaultAsync("life", name, ""","softDeleteRetentionInDays":7""");
        using (await fixture.DataAsync(name, HttpMethod.Put, SecretCalls.Path("api-key"), SecretCalls.SetBody("kept-value")))
        {
        }

        await fixture.ArmAsync(fixture.Token, HttpMethod.Delete, fixture.VaultPath("life", name) + V);

        // Act
        var recovered = await fixture.ArmJsonAsync(HttpMethod.Put, fixture.VaultPath("life", name) + V, fixture.CreateBody(""","createMode":"recover" """));
        using var read = await fixture.DataAsync(name, HttpMethod.Get, SecretCalls.Path("api-key"));
        using var deleted = await fixture.ArmAsync(fixture.Token, HttpMethod.Get, fixture.DeletedPath(name) + V);

        // Assert
        Assert.Equal(7, recovered.GetProperty("properties").GetProperty("softDeleteRetentionInDays").GetInt32());
        Assert.Equal("Succeeded", recovered.GetProperty("properties").GetProperty("provisioningState").GetString());
        Assert.Equal("kept-value", (await Wire.AssertJsonAsync(read)).GetProperty("value").GetString());
        await Wire.AssertErrorAsync(deleted, HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Fact]
    public async Task Recover_NoDeletedVault_Returns404AndCreatesNothing()
    {
        // Arrange
        var name = NewVaultName("norec");

        // Act
        using var response = await fixture.ArmAsync(fixture.Token, HttpMethod.Put, fixture.VaultPath("life", name) + V, fixture.CreateBody(""","createMode":"recover" """));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "ResourceNotFound");
        Assert.Null(await fixture.GetService<VaultDirectory>().FindAsync(name, Ct));
    }

    [Fact]
    public async Task Purge_PurgeProtectedVault_Returns405MethodNotAllowedAndKeepsIt()
    {
        // Arrange
        var name = NewVaultName("prot");
        await fixture.CreateVaultAsync("life", name, ""","softDeleteRetentionInDays":7,"enablePurgeProtection":true""");
        await fixture.ArmAsync(fixture.Token, HttpMethod.Delete, fixture.VaultPath("life", name) + V);

        // Act
        using var purge = await fixture.ArmAsync(fixture.Token, HttpMethod.Post, fixture.DeletedPath(name) + "/purge" + V);

        // Assert
        var message = await Wire.AssertErrorAsync(purge, HttpStatusCode.MethodNotAllowed, "MethodNotAllowed");
        Assert.Equal("Operation 'DeletedVaultPurge' is not allowed.", message);
        Assert.NotNull(await fixture.GetService<VaultDirectory>().GetDeletedAsync(name, Ct));
    }

    [Fact]
    public async Task Purge_Unprotected_Returns200AndTheNameIsFreeWithNoOldSecrets()
    {
        // Arrange
        var name = NewVaultName("purge");
        await fixture.CreateVaultAsync("life", name);
        using (await fixture.DataAsync(name, HttpMethod.Put, SecretCalls.Path("old"), SecretCalls.SetBody("old-value")))
        {
        }

        await fixture.ArmAsync(fixture.Token, HttpMethod.Delete, fixture.VaultPath("life", name) + V);

        // Act
        using var purge = await fixture.ArmAsync(fixture.Token, HttpMethod.Post, fixture.DeletedPath(name) + "/purge" + V);
        using var again = await fixture.ArmAsync(fixture.Token, HttpMethod.Post, fixture.DeletedPath(name) + "/purge" + V);
        await fixture.CreateVaultAsync("life", name);
        using var old = await fixture.DataAsync(name, HttpMethod.Get, SecretCalls.Path("old"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        await Wire.AssertErrorAsync(again, HttpStatusCode.NotFound, "ResourceNotFound");
        await Wire.AssertErrorAsync(old, HttpStatusCode.NotFound, "SecretNotFound");
    }

    [Fact]
    public async Task Purge_KeyVaultContributor_Returns403ButMayDelete()
    {
        // Arrange
        var name = NewVaultName("kvc");
        await fixture.CreateVaultAsync("life", name);
        var (_, token) = await fixture.CallerWithRoleAsync(BuiltInRoles.KeyVaultContributor, fixture.Subscription());

        // Act
        using var delete = await fixture.ArmAsync(token, HttpMethod.Delete, fixture.VaultPath("life", name) + V);
        using var purge = await fixture.ArmAsync(token, HttpMethod.Post, fixture.DeletedPath(name) + "/purge" + V);

        // Assert
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        await Wire.AssertErrorAsync(purge, HttpStatusCode.Forbidden, "AuthorizationFailed");
        Assert.NotNull(await fixture.GetService<VaultDirectory>().GetDeletedAsync(name, Ct));
    }

    [Fact]
    public async Task Delete_RemovesRoleAssignmentsAtAndUnderTheVaultOnly_RecoverDoesNotRestoreThem()
    {
        // Arrange
        var name = NewVaultName("ra");
        await fixture.CreateVaultAsync("life", name);
        var vaultId = fixture.VaultPath("life", name);
        var access = fixture.GetService<AccessEvaluator>();
        var principal = Guid.NewGuid();
        await access.AssignAsync(principal, BuiltInRoles.SecretsUser, vaultId, Ct);
        await access.AssignAsync(principal, BuiltInRoles.SecretsUser, vaultId + "/secrets/one", Ct);
        await access.AssignAsync(principal, BuiltInRoles.Reader, $"{fixture.Subscription()}/resourceGroups/life", Ct);

        // Act
        await fixture.ArmAsync(fixture.Token, HttpMethod.Delete, vaultId + V);
        await fixture.ArmJsonAsync(HttpMethod.Put, vaultId + V, fixture.CreateBody(""","createMode":"recover" """));

        // Assert
        var left = (await access.ListAsync(Ct)).Where(a => a.PrincipalId == principal).Select(a => a.Scope).ToList();
        Assert.Equal([$"{fixture.Subscription()}/resourceGroups/life"], left);
    }

    [Theory]
    [InlineData("PUT", ""","softDeleteRetentionInDays":30""")]
    [InlineData("PATCH", ""","softDeleteRetentionInDays":30""")]
    public async Task Update_RetentionChange_Returns400AndKeepsIt(string method, string extra)
    {
        // Arrange
        var name = NewVaultName("ret");
        await fixture.CreateVaultAsync("life", name, ""","softDeleteRetentionInDays":7""");

        // Act
        using var response = await fixture.ArmAsync(fixture.Token, new HttpMethod(method), fixture.VaultPath("life", name) + V, fixture.CreateBody(extra));
        var same = await fixture.ArmJsonAsync(HttpMethod.Put, fixture.VaultPath("life", name) + V, fixture.CreateBody(""","softDeleteRetentionInDays":7"""));
        var omitted = await fixture.ArmJsonAsync(HttpMethod.Put, fixture.VaultPath("life", name) + V, fixture.CreateBody());

        // Assert
        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Equal("The property \"softDeleteRetentionInDays\" has been set already and it can't be modified.", message);
        Assert.Equal(7, same.GetProperty("properties").GetProperty("softDeleteRetentionInDays").GetInt32());
        Assert.Equal(7, omitted.GetProperty("properties").GetProperty("softDeleteRetentionInDays").GetInt32());
    }

    [Fact]
    public async Task Update_PurgeProtectionOff_Returns400AndItStaysOn()
    {
        // Arrange
        var name = NewVaultName("pp");
        await fixture.CreateVaultAsync("life", name, ""","enablePurgeProtection":true""");

        // Act
        using var patch = await fixture.ArmAsync(fixture.Token, HttpMethod.Patch, fixture.VaultPath("life", name) + V, """{"properties":{"enablePurgeProtection":false}}""");
        using var create = await fixture.ArmAsync(fixture.Token, HttpMethod.Put, fixture.VaultPath("life", NewVaultName("pp")) + V, fixture.CreateBody(""","enablePurgeProtection":false"""));

        // Assert
        await Wire.AssertErrorAsync(patch, HttpStatusCode.BadRequest, "BadRequest");
        await Wire.AssertErrorAsync(create, HttpStatusCode.BadRequest, "BadRequest");
        Assert.True((await fixture.GetService<VaultDirectory>().FindAsync(name, Ct))!.PurgeProtection); // created above
    }

    [Fact]
    public async Task Put_UnknownCreateMode_Returns400()
    {
        // Act
        using var response = await fixture.ArmAsync(fixture.Token, HttpMethod.Put, fixture.VaultPath("life", NewVaultName("cm")) + V, fixture.CreateBody(""","createMode":"restore" """));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadRequest");
    }
}
