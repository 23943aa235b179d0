using Coffer.Core;
using Coffer.Core.Vaults;
using Coffer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Compat.Tests.JavaScript;

/// <summary>
/// Runs each <c>test/js/tests/*.test.mjs</c> file (the unmodified Azure SDK for JavaScript, under Node's test runner)
/// against a Coffer of its own with a vault <c>jsvault</c>, as one test case. See test/js/README.md.
/// </summary>
public sealed class NodeTestRunner
{
    private static readonly string Project = Path.Combine(ReadmeExampleTests.RepositoryRoot(), "test", "js");

    public static TheoryData<string> Files() =>
        new(Directory.GetFiles(Path.Combine(Project, "tests"), "*.test.mjs").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Files))]
    public async Task NodeTestFile_AgainstFreshServer_Passes(string file)
    {
        // Arrange
        Assert.True(
            Directory.Exists(Path.Combine(Project, "node_modules", "@azure")),
            "The JavaScript packages are not installed: run `npm ci --prefix test/js` (test.sh does).");
        await using var server = await CofferServer.StartAsync();
        await server.Services.GetRequiredService<VaultDirectory>().CreateAsync("jsvault", Vault.DefaultRetentionDays, TestContext.Current.CancellationToken);
        var environment = new Dictionary<string, string>
        {
            ["NODE_EXTRA_CA_CERTS"] = server.CaCertificatePath,
            ["COFFER_VAULT_URL"] = server.VaultUri("jsvault").ToString().TrimEnd('/'),
            ["COFFER_MANAGEMENT_URL"] = server.Resource,
            ["COFFER_TENANT_ID"] = server.TenantId.ToString("D"),
            ["COFFER_SUBSCRIPTION_ID"] = server.Services.GetRequiredService<Deployment>().SubscriptionId.ToString("D"),
            ["COFFER_CLIENT_ID"] = server.AdminClientId,
            ["COFFER_CLIENT_SECRET"] = server.AdminClientSecret,
        };

        // Act
        var (exitCode, output, errors) = await ChildProcess.RunAsync(
            "node", ["--import", "./support/localhost.mjs", "--test", "--test-reporter=spec", Path.Combine("tests", file)], environment, Project, TimeSpan.FromMinutes(5));

        // Assert
        Assert.True(exitCode == 0, $"node --test {file} exited with {exitCode}:\n{output}\n{errors}");
    }
}
