using System.Net;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Authorization;
using Coffer.Core.Vaults;
using static Coffer.Api.Tests.Management.VaultLifecycleCalls;

namespace Coffer.Api.Tests.Management;

/// <summary>
/// Management locks on the wire: their ARM shape, listing with inherited locks, and enforcement on the management
/// API (ARM's 409 <c>ScopeLocked</c>) while the data plane is untouched.
/// </summary>
public sealed class LockWireTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string L = "?api-version=2016-09-01";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string LockPath(string scope, string name = "") =>
        $"{scope}/providers/Microsoft.Authorization/locks{(name.Length == 0 ? string.Empty : "/" + name)}{L}";

    [Fact]
    public async Task Put_NewThenSame_Returns201Then200WithArmShape()
    {
        // Arrange
        var name = NewVaultName("lk");
        await fixture.CreateVaultAsync("locks", name);
        var vaultId = fixture.VaultPath("locks", name);
        const string Body = """{"properties":{"level":"CanNotDelete","notes":"production","owners":[{"applicationId":"app-1"}]}}""";

        // Act
        var created = await fixture.ArmJsonAsync(HttpMethod.Put, LockPath(vaultId, "keep"), Body, HttpStatusCode.Created);
        var replaced = await fixture.ArmJsonAsync(HttpMethod.Put, LockPath(vaultId, "keep"), """{"properties":{"level":"ReadOnly"}}""");
        var read = await fixture.ArmJsonAsync(HttpMethod.Get, LockPath(vaultId, "keep"));

        // Assert
        Assert.Equal(["id", "name", "properties", "type"], Wire.PropertyNames(created));
        Assert.Equal($"{vaultId}/providers/Microsoft.Authorization/locks/keep", created.GetProperty("id").GetString());
        Assert.Equal("keep", created.GetProperty("name").GetString());
        Assert.Equal("Microsoft.Authorization/locks", created.GetProperty("type").GetString());
        Assert.Equal("CanNotDelete", created.GetProperty("properties").GetProperty("level").GetString());
        Assert.Equal("production", created.GetProperty("properties").GetProperty("notes").GetString());
        Assert.Equal("app-1", created.GetProperty("properties").GetProperty("owners")[0].GetProperty("applicationId").GetString());
        Assert.Equal("ReadOnly", replaced.GetProperty("properties").GetProperty("level").GetString());
        Assert.Equal("ReadOnly", read.GetProperty("properties").GetProperty("level").GetString());
    }

    [Fact]
    public async Task CanNotDelete_RefusesVaultDeleteWith409ScopeLocked_UntilRemoved()
    {
        // Arrange
        var name = NewVaultName("cnd");
        await fixture.CreateVaultAsync("locks", name);
        var vaultId = fixture.VaultPath("locks", name);
        await fixture.ArmJsonAsync(HttpMethod.Put, LockPath(vaultId, "no-delete"), """{"properties":{"level":"CanNotDelete"}}""", HttpStatusCode.Created);

        // Act
        using var refused = await fixture.ArmAsync(fixture.Token, HttpMethod.Delete, vaultId + V);
        var patched = await fixture.ArmJsonAsync(HttpMethod.Patch, vaultId + V, """{"tags":{"still":"writable"}}""");
        using var unlock = await fixture.ArmAsync(fixture.Token, HttpMethod.Delete, LockPath(vaultId, "no-delete"));
        using var unlockAgain = await fixture.ArmAsync(fixture.Token, HttpMethod.Delete, LockPath(vaultId, "no-delete"));
        using var deleted = await fixture.ArmAsync(fixture.Token, HttpMethod.Delete, vaultId + V);

        // Assert
        var message = await Wire.AssertErrorAsync(refused, HttpStatusCode.Conflict, "ScopeLocked");
        Assert.Equal($"The scope '{vaultId}' cannot perform delete operation because following scope(s) are locked: '{vaultId}'. Please remove the lock and try again.", message);
        Assert.Equal("writable", patched.GetProperty("tags").GetProperty("still").GetString());
        Assert.Equal(HttpStatusCode.OK, unlock.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, unlockAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
    }

    [Fact]
    public async Task ReadOnlyOnGroup_RefusesVaultChangesButNotTheDataPlane()
    {
        // Arrange
        var group = "ro" + Guid.NewGuid().ToString("N")[..8];
        var name = NewVaultName("ro");
        await fixture.CreateVaultAsync(group, name, ""","enableRbacAuthorization":false""");
        var groupId = $"{fixture.Subscription()}/resourceGroups/{group}";
        var vaultId = fixture.VaultPath(group, name);
        await fixture.ArmJsonAsync(HttpMethod.Put, LockPath(groupId, "freeze"), """{"properties":{"level":"ReadOnly"}}""", HttpStatusCode.Created);

        // Act
        using var patch = await fixture.ArmAsync(fixture.Token, HttpMethod.Patch, vaultId + V, """{"tags":{"a":"b"}}""");
        using var put = await fixture.ArmAsync(fixture.Token, HttpMethod.Put, vaultId + V, fixture.CreateBody());
        using var policies = await fixture.ArmAsync(fixture.Token, HttpMethod.Put, vaultId + "/accessPolicies/add" + V, """{"properties":{"accessPolicies":[]}}""");
        using var delete = await fixture.ArmAsync(fixture.Token, HttpMethod.Delete, vaultId + V);
        using var create = await fixture.ArmAsync(fixture.Token, HttpMethod.Put, fixture.VaultPath(group, NewVaultName("ro")) + V, fixture.CreateBody());
        var vault = await fixture.GetService<VaultDirectory>().FindAsync(name, Ct);

        // Assert
        foreach (var refused in new[] { patch, put, policies })
        {
            var message = await Wire.AssertErrorAsync(refused, HttpStatusCode.Conflict, "ScopeLocked");
            Assert.Contains("cannot perform write operation", message, StringComparison.Ordinal);
            Assert.Contains($"'{groupId}'", message, StringComparison.Ordinal);
        }

        await Wire.AssertErrorAsync(delete, HttpStatusCode.Conflict, "ScopeLocked");
        await Wire.AssertErrorAsync(create, HttpStatusCode.Conflict, "ScopeLocked");
        Assert.NotNull(vault);
        Assert.Empty(vault.Tags);
        await fixture.ArmAsync(fixture.Token, HttpMethod.Delete, LockPath(groupId, "freeze"));
    }

    [Fact]
    public async Task ReadOnly_DoesNotAffectTheDataPlane()
    {
        // Arrange
        var name = NewVaultName("dp");
        await fixture.CreateVaultAsync("locks", name);
        var vaultId = fixture.VaultPath("locks", name);
        await fixture.ArmJsonAsync(HttpMethod.Put, LockPath(vaultId, "freeze"), """{"properties":{"level":"ReadOnly"}}""", HttpStatusCode.Created);

        // Act
        using var set = await fixture.DataAsync(name, HttpMethod.Put, SecretCalls.Path("still-writable"), SecretCalls.SetBody("v"));
        using var delete = await fixture.DataAsync(name, HttpMethod.Delete, SecretCalls.Path("still-writable"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
    }

    [Fact]
    public async Task List_AtVault_IncludesInheritedLocksOnly()
    {
        // Arrange
        var group = "ls" + Guid.NewGuid().ToString("N")[..8];
        var name = NewVaultName("ls");
        var sibling = NewVaultName("sib");
        await fixture.CreateVaultAsync(group, name);
        await fixture.CreateVaultAsync(group, sibling);
        var groupId = $"{fixture.Subscription()}/resourceGroups/{group}";
        await fixture.ArmJsonAsync(HttpMethod.Put, LockPath(groupId, "group-lock"), """{"properties":{"level":"CanNotDelete"}}""", HttpStatusCode.Created);
        await fixture.ArmJsonAsync(HttpMethod.Put, LockPath(fixture.VaultPath(group, name), "own"), """{"properties":{"level":"CanNotDelete"}}""", HttpStatusCode.Created);
        await fixture.ArmJsonAsync(HttpMethod.Put, LockPath(fixture.VaultPath(group, sibling), "sibling"), """{"properties":{"level":"CanNotDelete"}}""", HttpStatusCode.Created);

        // Act
        var atVault = await fixture.ArmJsonAsync(HttpMethod.Get, LockPath(fixture.VaultPath(group, name)));
        var atGroup = await fixture.ArmJsonAsync(HttpMethod.Get, LockPath(groupId));

        // Assert
        Assert.Equal(["group-lock", "own"], atVault.GetProperty("value").EnumerateArray().Select(l => l.GetProperty("name").GetString()).Order().ToArray());
        Assert.Equal(["group-lock", "own", "sibling"], atGroup.GetProperty("value").EnumerateArray().Select(l => l.GetProperty("name").GetString()).Order().ToArray());
    }

    [Fact]
    public async Task Get_Unknown_Returns404LockNotFound()
    {
        // Act
        using var response = await fixture.ArmAsync(fixture.Token, HttpMethod.Get, LockPath(fixture.Subscription(), "nothing-here"));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "LockNotFound");
    }

    [Theory]
    [InlineData("""{"properties":{"level":"Frozen"}}""")]
    [InlineData("""{"properties":{}}""")]
    [InlineData("""{}""")]
    public async Task Put_BadLevel_Returns400AndStoresNothing(string body)
    {
        // Arrange
        var scope = $"{fixture.Subscription()}/resourceGroups/badlock";

        // Act
        using var response = await fixture.ArmAsync(fixture.Token, HttpMethod.Put, LockPath(scope, "bad"), body);
        using var read = await fixture.ArmAsync(fixture.Token, HttpMethod.Get, LockPath(scope, "bad"));

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadRequest");
        await Wire.AssertErrorAsync(read, HttpStatusCode.NotFound, "LockNotFound");
    }

    [Fact]
    public async Task Put_OnMissingVault_Returns404ResourceNotFound()
    {
        // Act
        using var response = await fixture.ArmAsync(fixture.Token, HttpMethod.Put, LockPath(fixture.VaultPath("locks", NewVaultName("none")), "l"), """{"properties":{"level":"CanNotDelete"}}""");

        // Assert
        await Wire.AssertErrorAsync(response, HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Fact]
    public async Task KeyVaultContributor_ReadsLocksButCannotSetOrRemoveThem_UserAccessAdministratorCan()
    {
        // Arrange
        var scope = $"{fixture.Subscription()}/resourceGroups/lockauth";
        var (_, contributor) = await fixture.CallerWithRoleAsync(BuiltInRoles.KeyVaultContributor, fixture.Subscription());
        var (_, accessAdmin) = await fixture.CallerWithRoleAsync(BuiltInRoles.UserAccessAdministrator, fixture.Subscription());
        const string Body = """{"properties":{"level":"CanNotDelete"}}""";

        // Act
        using var refused = await fixture.ArmAsync(contributor, HttpMethod.Put, LockPath(scope, "auth"), Body);
        using var allowed = await fixture.ArmAsync(accessAdmin, HttpMethod.Put, LockPath(scope, "auth"), Body);
        using var read = await fixture.ArmAsync(contributor, HttpMethod.Get, LockPath(scope, "auth"));
        using var removeRefused = await fixture.ArmAsync(contributor, HttpMethod.Delete, LockPath(scope, "auth"));

        // Assert
        await Wire.AssertErrorAsync(refused, HttpStatusCode.Forbidden, "AuthorizationFailed");
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await Wire.AssertErrorAsync(removeRefused, HttpStatusCode.Forbidden, "AuthorizationFailed");
    }
}
