using System.Net;
using Coffer.Api.Tests.Management;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Authorization;

namespace Coffer.Api.Tests.Audit;

/// <summary><c>GET /subscriptions/{sub}/providers/Coffer.Audit/records</c>: the management action it needs, its filters and paging.</summary>
public sealed class AuditQueryEndpointTests(AuditServerFixture fixture) : IClassFixture<AuditServerFixture>
{
    private string Records => Management.ManagementCalls.Subscription(fixture) + "/providers/Coffer.Audit/records?api-version=2025-07-01";

    [Fact]
    public async Task Query_ReaderPagesFilteredRecords_KeyVaultDataRoleIsRefused()
    {
        // Arrange
        var name = Names.Unique("audit-query");
        for (var i = 0; i < 3; i++)
        {
            using var missing = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        var (_, reader) = await fixture.CallerWithRoleAsync(BuiltInRoles.ManagementReader);
        var (_, secretsOfficer) = await fixture.CallerWithRoleAsync(BuiltInRoles.SecretsOfficer);

        // Act
        using var first = await fixture.ArmAsync(reader, HttpMethod.Get, Records + "&vault=dev&operation=SecretGet&result=404&$top=2");
        var firstPage = await Wire.AssertJsonAsync(first);
        var next = new Uri(firstPage.GetProperty("nextLink").GetString()!); // a page of 2 out of 3 links to the rest
        using var second = await fixture.ArmAsync(reader, HttpMethod.Get, next.PathAndQuery);
        var secondPage = await Wire.AssertJsonAsync(second);
        using var refused = await fixture.ArmAsync(secretsOfficer, HttpMethod.Get, Records);
        using var anonymous = await fixture.ArmAsync(null, HttpMethod.Get, Records);

        // Assert
        var records = firstPage.GetProperty("value").EnumerateArray().Concat(secondPage.GetProperty("value").EnumerateArray())
            .Where(r => r.GetProperty("properties").GetProperty("id").GetString()!.EndsWith("/secrets/" + name, StringComparison.Ordinal)).ToList();
        Assert.Equal(3, records.Count);
        Assert.All(records, r => Assert.Equal(("SecretGet", "NotFound", "SecretNotFound"),
            (r.GetProperty("operationName").GetString(), r.GetProperty("resultType").GetString(), r.GetProperty("resultDescription").GetString())));
        Assert.Equal(2, firstPage.GetProperty("value").GetArrayLength());
        await Wire.AssertErrorAsync(refused, HttpStatusCode.Forbidden, "AuthorizationFailed");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
