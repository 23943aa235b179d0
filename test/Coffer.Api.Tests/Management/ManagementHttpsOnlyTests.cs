using System.Net;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Vaults;
using static Coffer.Api.Tests.Management.VaultLifecycleCalls;

namespace Coffer.Api.Tests.Management;

/// <summary>
/// HTTPS only: the plain-HTTP identity port (127.0.0.1, for managed-identity tokens) serves neither the management
/// API nor the data plane, with a valid token and whatever Host the request names.
/// </summary>
public sealed class ManagementHttpsOnlyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private Uri PlainHttp(string host = "localhost") => new($"http://{host}:{fixture.Server.IdentityPort}");

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task PlainHttp_ManagementReads_Return404(string host)
    {
        // Arrange
        var paths = new[]
        {
            $"{fixture.Subscription()}/providers/Microsoft.KeyVault/vaults{V}",
            $"{fixture.Subscription()}/resourceGroups/coffer/providers/Microsoft.KeyVault/vaults/dev{V}",
            $"{fixture.Subscription()}/providers/Microsoft.KeyVault/deletedVaults{V}",
            $"{fixture.Subscription()}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01",
            $"{fixture.Subscription()}/providers/Microsoft.Authorization/locks?api-version=2016-09-01",
            "/subscriptions?api-version=2022-12-01",
        };

        foreach (var path in paths)
        {
            // Act
            using var response = await fixture.SendAsync(fixture.Request(HttpMethod.Get, path, baseUri: PlainHttp(host)));

            // Assert
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode} over plain HTTP");
            Assert.DoesNotContain("\"value\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PlainHttp_CreateAndDeleteVault_Return404AndChangeNothing()
    {
        // Arrange
        var name = NewVaultName("http");

        // Act
        using var put = await fixture.SendAsync(fixture.Request(HttpMethod.Put, fixture.VaultPath("coffer", name) + V, fixture.CreateBody(), PlainHttp()));
        using var delete = await fixture.SendAsync(fixture.Request(HttpMethod.Delete, fixture.VaultPath("coffer", "dev") + V, baseUri: PlainHttp()));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Null(await fixture.GetService<VaultDirectory>().FindAsync(name, TestContext.Current.CancellationToken));
        Assert.NotNull(await fixture.GetService<VaultDirectory>().FindAsync("dev", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task PlainHttp_DataPlaneOnVaultHost_Returns404()
    {
        // Arrange
        await fixture.SetSecretAsync("https-only", "not-over-http");

        // Act
        using var response = await fixture.SendAsync(fixture.Request(HttpMethod.Get, SecretCalls.Path("https-only"), baseUri: PlainHttp("dev.localhost")));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("not-over-http", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
