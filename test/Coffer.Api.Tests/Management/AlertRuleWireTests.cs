using System.Net;
using System.Text.Json.Nodes;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Authorization;
using static Coffer.Api.Tests.Management.VaultLifecycleCalls;

namespace Coffer.Api.Tests.Management;

/// <summary>Alert rules on the management API: ARM shape, defaults, validation 400s naming the property, 404, listing, delete and authorization.</summary>
public sealed class AlertRuleWireTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string A = "?api-version=2025-07-01";

    private string GroupPath(string group) => $"{fixture.Subscription()}/resourceGroups/{group}";

    private string RulePath(string group, string name = "") =>
        $"{GroupPath(group)}/providers/Coffer.Alerts/alertRules{(name.Length == 0 ? string.Empty : "/" + name)}{A}";

    /// <summary>A valid rule's body, with <paramref name="property"/> set to <paramref name="value"/> (null: left out).</summary>
    private static string Body(string scope, string? property = null, JsonNode? value = null)
    {
        var properties = new JsonObject
        {
            ["scope"] = scope,
            ["operationNames"] = new JsonArray("SecretGet"),
            ["resultTypes"] = new JsonArray("Unauthorized", "Forbidden"),
            ["windowSize"] = "PT5M",
            ["evaluationFrequency"] = "PT1M",
            ["webhookUrl"] = "https://hooks.example.com/coffer",
        };
        if (property is not null)
        {
            properties[property] = value;
        }

        return new JsonObject { ["properties"] = properties }.ToJsonString();
    }

    [Fact]
    public async Task Put_NewThenReplaced_Returns201Then200WithArmShapeAndDefaults()
    {
        // Arrange
        var group = Names.Unique("alerts");
        var vault = NewVaultName("al");
        await fixture.CreateVaultAsync(group, vault);
        var vaultId = fixture.VaultPath(group, vault);

        // Act
        var created = await fixture.ArmJsonAsync(HttpMethod.Put, RulePath(group, "denied-reads"), Body(vaultId), HttpStatusCode.Created);
        var replaced = await fixture.ArmJsonAsync(HttpMethod.Put, RulePath(group, "denied-reads"), Body(fixture.Subscription()).Replace("}}", ""","threshold":4,"severity":1,"enabled":false,"description":"all vaults"}}""", StringComparison.Ordinal));
        var read = await fixture.ArmJsonAsync(HttpMethod.Get, RulePath(group, "DENIED-READS"));

        // Assert
        Assert.Equal(["id", "name", "properties", "type"], Wire.PropertyNames(created));
        Assert.Equal($"{GroupPath(group)}/providers/Coffer.Alerts/alertRules/denied-reads", created.GetProperty("id").GetString());
        Assert.Equal("Coffer.Alerts/alertRules", created.GetProperty("type").GetString());
        var properties = created.GetProperty("properties");
        Assert.Equal(vaultId, properties.GetProperty("scope").GetString());
        Assert.Equal(["SecretGet"], properties.GetProperty("operationNames").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["Unauthorized", "Forbidden"], properties.GetProperty("resultTypes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, properties.GetProperty("threshold").GetInt32());
        Assert.Equal(3, properties.GetProperty("severity").GetInt32());
        Assert.True(properties.GetProperty("enabled").GetBoolean());
        Assert.Equal("PT5M", properties.GetProperty("windowSize").GetString());
        Assert.Equal("PT1M", properties.GetProperty("evaluationFrequency").GetString());
        Assert.Equal("https://hooks.example.com/coffer", properties.GetProperty("webhookUrl").GetString());
        Assert.False(properties.TryGetProperty("lastEvaluatedTime", out _));
        Assert.Equal(fixture.Subscription(), replaced.GetProperty("properties").GetProperty("scope").GetString());
        Assert.Equal(4, read.GetProperty("properties").GetProperty("threshold").GetInt32());
        Assert.Equal(1, read.GetProperty("properties").GetProperty("severity").GetInt32());
        Assert.False(read.GetProperty("properties").GetProperty("enabled").GetBoolean());
        Assert.Equal("all vaults", read.GetProperty("properties").GetProperty("description").GetString());
        Assert.Equal("denied-reads", read.GetProperty("name").GetString());
    }

    public static TheoryData<string, string?> InvalidProperties() => new()
    {
        { "threshold", "-1" },
        { "severity", "7" },
        { "caller", "\"alice\"" },
        { "evaluationFrequency", "\"PT10M\"" },
        { "windowSize", "\"P1M\"" },
        { "windowSize", "\"five minutes\"" },
        { "windowSize", null },
        { "webhookUrl", "\"http://hooks.example.com/a\"" },
        { "webhookUrl", "\"hooks\"" },
        { "operationNames", "[]" },
        { "resultTypes", "[\"Forbidden\",\"forbidden\"]" },
        { "scope", "\"/subscriptions/00000000-0000-0000-0000-000000000000\"" },
        { "scope", "\"/subscriptions/{sub}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/absent\"" },
    };

    [Theory]
    [MemberData(nameof(InvalidProperties))]
    public async Task Put_InvalidProperty_Returns400NamingIt_AndStoresNothing(string property, string? json)
    {
        // Arrange
        var group = Names.Unique("alerts");
        var value = json is null ? null : JsonNode.Parse(json.Replace("{sub}", fixture.Subscription()[15..], StringComparison.Ordinal));

        // Act
        using var response = await fixture.ArmAsync(fixture.Token, HttpMethod.Put, RulePath(group, "bad"), Body(fixture.Subscription(), property, value));
        using var missing = await fixture.ArmAsync(fixture.Token, HttpMethod.Get, RulePath(group, "bad"));

        // Assert
        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadRequest");
        Assert.StartsWith($"The alert rule property 'properties.{property}' is invalid", message, StringComparison.Ordinal);
        await Wire.AssertErrorAsync(missing, HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Fact]
    public async Task Put_BadNameOrNoProperties_Returns400()
    {
        // Arrange
        var group = Names.Unique("alerts");

        // Act
        using var badName = await fixture.ArmAsync(fixture.Token, HttpMethod.Put, RulePath(group, "-bad"), Body(fixture.Subscription()));
        using var noProperties = await fixture.ArmAsync(fixture.Token, HttpMethod.Put, RulePath(group, "empty"), "{}");
        using var notJson = await fixture.ArmAsync(fixture.Token, HttpMethod.Put, RulePath(group, "json"), """{"properties":{"threshold":"many"}}""");

        // Assert
        await Wire.AssertErrorAsync(badName, HttpStatusCode.BadRequest, "InvalidResourceName");
        Assert.Contains("'properties'", await Wire.AssertErrorAsync(noProperties, HttpStatusCode.BadRequest, "BadRequest"), StringComparison.Ordinal);
        Assert.Contains("threshold", await Wire.AssertErrorAsync(notJson, HttpStatusCode.BadRequest, "InvalidRequestContent"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAndDelete_PerGroupAndSubscription_Then200Then204()
    {
        // Arrange
        var first = Names.Unique("alerts");
        var second = Names.Unique("alerts");
        await fixture.ArmJsonAsync(HttpMethod.Put, RulePath(first, "one"), Body(fixture.Subscription()), HttpStatusCode.Created);
        await fixture.ArmJsonAsync(HttpMethod.Put, RulePath(second, "two"), Body(fixture.Subscription()), HttpStatusCode.Created);

        // Act
        var inGroup = await fixture.ArmJsonAsync(HttpMethod.Get, RulePath(first));
        var inSubscription = await fixture.ArmJsonAsync(HttpMethod.Get, $"{fixture.Subscription()}/providers/Coffer.Alerts/alertRules{A}");
        using var deleted = await fixture.ArmAsync(fixture.Token, HttpMethod.Delete, RulePath(first, "one"));
        using var deletedAgain = await fixture.ArmAsync(fixture.Token, HttpMethod.Delete, RulePath(first, "one"));
        var afterDelete = await fixture.ArmJsonAsync(HttpMethod.Get, RulePath(first));

        // Assert
        Assert.Equal(["one"], inGroup.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        var names = inSubscription.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.Contains("one", names);
        Assert.Contains("two", names);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deletedAgain.StatusCode);
        Assert.Empty(afterDelete.GetProperty("value").EnumerateArray());
    }

    [Fact]
    public async Task WrongApiVersion_Returns400_AndReaderMayReadButNotWrite()
    {
        // Arrange
        var group = Names.Unique("alerts");
        await fixture.ArmJsonAsync(HttpMethod.Put, RulePath(group, "watched"), Body(fixture.Subscription()), HttpStatusCode.Created);
        var (_, reader) = await fixture.CallerWithRoleAsync(BuiltInRoles.ManagementReader, GroupPath(group));
        var (_, nobody) = await fixture.CallerWithRoleAsync(null);

        // Act
        using var oldVersion = await fixture.ArmAsync(fixture.Token, HttpMethod.Get, RulePath(group, "watched").Replace(A, "?api-version=2016-09-01", StringComparison.Ordinal));
        using var read = await fixture.ArmAsync(reader, HttpMethod.Get, RulePath(group, "watched"));
        using var write = await fixture.ArmAsync(reader, HttpMethod.Put, RulePath(group, "watched"), Body(fixture.Subscription()));
        using var listedForNobody = await fixture.ArmAsync(nobody, HttpMethod.Get, $"{fixture.Subscription()}/providers/Coffer.Alerts/alertRules{A}");

        // Assert
        await Wire.AssertErrorAsync(oldVersion, HttpStatusCode.BadRequest, "NoRegisteredProviderFound");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await Wire.AssertErrorAsync(write, HttpStatusCode.Forbidden, "AuthorizationFailed");
        Assert.Empty((await Wire.AssertJsonAsync(listedForNobody)).GetProperty("value").EnumerateArray());
    }
}
