using System.Net;
using System.Text.Json;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Vaults;

namespace Coffer.Api.Tests.Network;

/// <summary>
/// <c>properties.networkAcls</c> and <c>properties.publicNetworkAccess</c> on the vault resource: defaults, Azure's
/// spelling of rules, PUT replacing and PATCH merging, and Azure's 400s that change nothing.
/// </summary>
public sealed class NetworkAclsWireTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static JsonElement Acls(JsonElement vault) => vault.GetProperty("properties").GetProperty("networkAcls");

    private static string[] Rules(JsonElement vault) =>
        Acls(vault).GetProperty("ipRules").EnumerateArray().Select(r => r.GetProperty("value").GetString()!).ToArray();

    private async Task<JsonElement> GetAsync(string name)
    {
        using var response = await fixture.ArmAsync(HttpMethod.Get, fixture.VaultPath(name) + FirewallCalls.ArmVersion);
        return await Wire.AssertJsonAsync(response);
    }

    [Fact]
    public async Task Get_VaultMadeWithoutNetworkSettings_ShowsAzuresDefaultsInGetAndList()
    {
        // Arrange
        var name = FirewallCalls.NewVaultName();
        var created = await fixture.CreateVaultAsync(name);

        // Act
        var read = await GetAsync(name);
        using var list = await fixture.ArmAsync(HttpMethod.Get, fixture.VaultPath(name)[..fixture.VaultPath(name).LastIndexOf('/')] + FirewallCalls.ArmVersion);
        var listed = (await Wire.AssertJsonAsync(list)).GetProperty("value").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);

        // Assert
        foreach (var vault in new[] { created, read, listed })
        {
            var acls = Acls(vault);
            Assert.Equal(["bypass", "defaultAction", "ipRules", "virtualNetworkRules"], Wire.PropertyNames(acls));
            Assert.Equal("AzureServices", acls.GetProperty("bypass").GetString());
            Assert.Equal("Allow", acls.GetProperty("defaultAction").GetString());
            Assert.Equal(0, acls.GetProperty("ipRules").GetArrayLength());
            Assert.Equal(0, acls.GetProperty("virtualNetworkRules").GetArrayLength());
            Assert.Equal("Enabled", vault.GetProperty("properties").GetProperty("publicNetworkAccess").GetString());
        }
    }

    [Fact]
    public async Task Put_RulesAndEnumsInAnyCase_AreStoredInAzuresSpelling()
    {
        // Arrange
        var name = FirewallCalls.NewVaultName();
        const string Body = ""","publicNetworkAccess":"disabled","networkAcls":{"defaultAction":"deny","bypass":"none","ipRules":[{"value":"203.0.113.7"},{"value":"198.51.100.77/24"},{"value":"10.0.0.0/8"},{"value":"192.168.0.0/16"},{"value":"127.0.0.1/32"}],"virtualNetworkRules":[]}""";

        // Act
        var created = await fixture.CreateVaultAsync(name, Body);
        var read = await GetAsync(name);

        // Assert
        foreach (var vault in new[] { created, read })
        {
            Assert.Equal("Deny", Acls(vault).GetProperty("defaultAction").GetString());
            Assert.Equal("None", Acls(vault).GetProperty("bypass").GetString());
            Assert.Equal(["203.0.113.7/32", "198.51.100.0/24", "10.0.0.0/8", "192.168.0.0/16", "127.0.0.1/32"], Rules(vault));
            Assert.Equal("Disabled", vault.GetProperty("properties").GetProperty("publicNetworkAccess").GetString());
        }
    }

    [Fact]
    public async Task Put_WithoutNetworkSettings_ResetsThemToTheDefaults()
    {
        // Arrange
        var name = FirewallCalls.NewVaultName();
        await fixture.CreateVaultAsync(name, ""","publicNetworkAccess":"Disabled",""" + FirewallCalls.DenyExcept("203.0.113.0/24")[1..]);

        // Act
        using var response = await fixture.ArmAsync(HttpMethod.Put, fixture.VaultPath(name) + FirewallCalls.ArmVersion, fixture.VaultBody());
        var replaced = await Wire.AssertJsonAsync(response);

        // Assert
        Assert.Equal("Allow", Acls(replaced).GetProperty("defaultAction").GetString());
        Assert.Empty(Rules(replaced));
        Assert.Equal("Enabled", replaced.GetProperty("properties").GetProperty("publicNetworkAccess").GetString());
    }

    [Fact]
    public async Task Patch_OtherProperties_KeepTheNetworkSettings()
    {
        // Arrange
        var name = FirewallCalls.NewVaultName();
        await fixture.CreateVaultAsync(name, FirewallCalls.DenyExcept("203.0.113.0/24"));

        // Act
        using var response = await fixture.ArmAsync(HttpMethod.Patch, fixture.VaultPath(name) + FirewallCalls.ArmVersion, """{"tags":{"team":"a"},"properties":{"enableRbacAuthorization":true}}""");
        var patched = await Wire.AssertJsonAsync(response);

        // Assert
        Assert.Equal("Deny", Acls(patched).GetProperty("defaultAction").GetString());
        Assert.Equal(["203.0.113.0/24"], Rules(patched));
    }

    [Fact]
    public async Task Patch_NetworkBodyReplacesTheWholeRuleSet()
    {
        // Arrange
        var name = FirewallCalls.NewVaultName();
        await fixture.CreateVaultAsync(name, ""","publicNetworkAccess":"Disabled",""" + FirewallCalls.DenyExcept("203.0.113.0/24", "198.51.100.1")[1..]);

        // Act
        using var response = await fixture.ArmAsync(HttpMethod.Patch, fixture.VaultPath(name) + FirewallCalls.ArmVersion, """{"properties":{"networkAcls":{"defaultAction":"Deny","ipRules":[{"value":"192.0.2.1"}]}}}""");
        var patched = await Wire.AssertJsonAsync(response);
        var read = await GetAsync(name);

        // Assert
        Assert.Equal(["192.0.2.1/32"], Rules(patched));
        Assert.Equal("AzureServices", Acls(patched).GetProperty("bypass").GetString());
        Assert.Equal("Disabled", patched.GetProperty("properties").GetProperty("publicNetworkAccess").GetString());
        Assert.Equal(patched.GetRawText(), read.GetRawText());
    }

    [Fact]
    public async Task Patch_PublicNetworkAccessOnly_KeepsTheRules()
    {
        // Arrange
        var name = FirewallCalls.NewVaultName();
        await fixture.CreateVaultAsync(name, FirewallCalls.DenyExcept("203.0.113.0/24"));

        // Act
        using var response = await fixture.ArmAsync(HttpMethod.Patch, fixture.VaultPath(name) + FirewallCalls.ArmVersion, """{"properties":{"publicNetworkAccess":"Disabled"}}""");
        var patched = await Wire.AssertJsonAsync(response);

        // Assert
        Assert.Equal("Disabled", patched.GetProperty("properties").GetProperty("publicNetworkAccess").GetString());
        Assert.Equal(["203.0.113.0/24"], Rules(patched));
    }

    [Theory]
    [InlineData("""{"defaultAction":"Deny","ipRules":[{"value":"300.1.2.3"}]}""", "ipRules[0].value: '300.1.2.3'")]
    [InlineData("""{"defaultAction":"Deny","ipRules":[{"value":"203.0.113.0/24"},{"value":"203.0.113.0/33"}]}""", "ipRules[1].value: '203.0.113.0/33'")]
    [InlineData("""{"defaultAction":"Deny","ipRules":[{"value":"2001:db8::/32"}]}""", "ipRules[0].value: '2001:db8::/32'")]
    [InlineData("""{"defaultAction":"Deny","ipRules":[{"value":"10.0.0"}]}""", "ipRules[0].value: '10.0.0'")]
    [InlineData("""{"defaultAction":"Deny","ipRules":[{}]}""", "ipRules[0].value: ''")]
    [InlineData("""{"defaultAction":"Block"}""", "defaultAction: 'Block'")]
    [InlineData("""{"bypass":"Everything"}""", "bypass: 'Everything'")]
    [InlineData("""{"virtualNetworkRules":[{"id":"/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/virtualNetworks/v/subnets/s"}]}""", "virtual network")]
    public async Task PutAndPatch_InvalidNetworkBodyReturn400NamingTheValueAndChangeNothing(string acls, string named)
    {
        // Arrange
        var name = FirewallCalls.NewVaultName();
        var path = fixture.VaultPath(name) + FirewallCalls.ArmVersion;
        using var put = await fixture.ArmAsync(HttpMethod.Put, path, fixture.VaultBody(""","networkAcls":""" + acls));
        var afterPut = await fixture.GetService<VaultDirectory>().FindAsync(name, TestContext.Current.CancellationToken);
        await fixture.CreateVaultAsync(name, FirewallCalls.DenyExcept("203.0.113.0/24"));
        var before = await GetAsync(name);

        // Act
        using var patch = await fixture.ArmAsync(HttpMethod.Patch, path, """{"properties":{"networkAcls":""" + acls + "}}");
        var after = await GetAsync(name);

        // Assert
        Assert.Contains(named, await Wire.AssertErrorAsync(put, HttpStatusCode.BadRequest, "BadRequest"), StringComparison.Ordinal);
        Assert.Null(afterPut);
        Assert.Contains(named, await Wire.AssertErrorAsync(patch, HttpStatusCode.BadRequest, "BadRequest"), StringComparison.Ordinal);
        Assert.Equal(before.GetRawText(), after.GetRawText());
    }

    [Fact]
    public async Task Patch_UnknownPublicNetworkAccess_Returns400()
    {
        // Arrange
        var name = FirewallCalls.NewVaultName();
        await fixture.CreateVaultAsync(name);

        // Act
        using var response = await fixture.ArmAsync(HttpMethod.Patch, fixture.VaultPath(name) + FirewallCalls.ArmVersion, """{"properties":{"publicNetworkAccess":"Sometimes"}}""");

        // Assert
        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Contains("publicNetworkAccess: 'Sometimes'", message, StringComparison.Ordinal);
        Assert.Equal("Enabled", (await GetAsync(name)).GetProperty("properties").GetProperty("publicNetworkAccess").GetString());
    }

    [Theory]
    [InlineData(1000, HttpStatusCode.Created)]
    [InlineData(1001, HttpStatusCode.BadRequest)]
    public async Task Put_RuleCountAtAzuresLimit_IsAcceptedAndOneMoreIsNot(int count, HttpStatusCode expected)
    {
        // Arrange
        var name = FirewallCalls.NewVaultName();
        var rules = Enumerable.Range(0, count).Select(i => $"11.{i / 256}.{i % 256}.0/24").ToArray();

        // Act
        using var response = await fixture.ArmAsync(HttpMethod.Put, fixture.VaultPath(name) + FirewallCalls.ArmVersion, fixture.VaultBody(FirewallCalls.DenyExcept(rules)));

        // Assert
        if (expected == HttpStatusCode.Created)
        {
            Assert.Equal(count, Rules(await Wire.AssertJsonAsync(response, expected)).Length);
        }
        else
        {
            Assert.Contains("maximum of 1000", await Wire.AssertErrorAsync(response, expected, "BadRequest"), StringComparison.Ordinal);
            Assert.Null(await fixture.GetService<VaultDirectory>().FindAsync(name, TestContext.Current.CancellationToken));
        }
    }
}
