using System.Net.Http.Headers;
using System.Text.Json;
using Coffer.Core;
using Coffer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests.Cli;

/// <summary>
/// The real <c>coffer</c> client against a real server: exit codes, the server's error message, sign-in and TLS trust.
/// These need only what the server serves today (<c>GET /subscriptions</c> and the managed-identity endpoint).
/// </summary>
public sealed class ClientCommandsTests(ClientCommandsTests.Fixture fixture) : IClassFixture<ClientCommandsTests.Fixture>
{
    [Fact]
    public async Task ServerRefusal_PrintsTheServersErrorMessage_AndExits1()
    {
        // Arrange: what the server itself answers for the same call.
        var subscription = fixture.Server.Services.GetRequiredService<Deployment>().SubscriptionId;
        var path = $"/subscriptions/{subscription:D}/resourceGroups/coffer/providers/Microsoft.ManagedIdentity/userAssignedIdentities/no-such-identity?api-version=2023-01-31";
        using var http = fixture.Server.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, fixture.Server.Resource + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await fixture.Server.GetTokenAsync());
        using var direct = await http.SendAsync(request, TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await direct.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var code = body.RootElement.GetProperty("error").GetProperty("code").GetString();
        var message = body.RootElement.GetProperty("error").GetProperty("message").GetString();

        // Act
        var (exit, stdout, stderr) = await fixture.Cli.RunAsync("identity", "show", "--name", "no-such-identity");

        // Assert
        Assert.False(direct.IsSuccessStatusCode);
        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal($"coffer: ({code}) {message}\nCode: {code}\nMessage: {message}\n", stderr);
    }

    [Fact]
    public async Task NoSignIn_Exits1_SayingHowToSignIn()
    {
        // Act
        var (exit, _, stderr) = await CliRunner.RunAsync(fixture.Cli.Environment(signedInAsDev: false), "identity", "list");

        // Assert
        Assert.Equal(1, exit);
        Assert.Contains("coffer login --service-principal", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongManagedIdentityCredential_Exits1_WithoutEchoingIt()
    {
        // Arrange
        var environment = fixture.Cli.Environment();
        environment["IDENTITY_HEADER"] = "not-a-credential-" + Guid.NewGuid().ToString("N");

        // Act
        var (exit, stdout, stderr) = await CliRunner.RunAsync(environment, "identity", "list");

        // Assert
        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.DoesNotContain(environment["IDENTITY_HEADER"]!, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CoffersCaNotTrusted_Exits1_NamingCofferCaFile()
    {
        // Arrange
        var environment = fixture.Cli.Environment();
        environment["COFFER_CA_FILE"] = null;

        // Act
        var (exit, _, stderr) = await CliRunner.RunAsync(environment, "identity", "list");

        // Assert
        Assert.Equal(1, exit);
        Assert.Contains("COFFER_CA_FILE", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("identity", "create")]
    [InlineData("identity", "show", "--name", "a", "--bogus", "x")]
    [InlineData("exec", "--identity", "a")]
    [InlineData("role", "assignment", "create", "--role", "Key Vault Secrets User")]
    [InlineData("ad", "sp", "create-for-rbac", "--role", "Key Vault Secrets User")]
    [InlineData("identity", "list", "-o", "yaml")]
    [InlineData("login", "-u", "a", "-p", "b")]
    public async Task UsageError_Exits2(params string[] args)
    {
        // Act
        var (exit, stdout, stderr) = await fixture.Cli.RunAsync(args);

        // Assert
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("coffer: ", stderr, StringComparison.Ordinal);
    }

    public sealed class Fixture : IAsyncLifetime
    {
        private readonly TempDirectory _home = new();

        public CofferServer Server { get; private set; } = null!;

        public CliRunner Cli { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Server = await CofferServer.StartAsync();
            Cli = new CliRunner(Server, _home.Root);
        }

        public async ValueTask DisposeAsync()
        {
            await Server.DisposeAsync();
            _home.Dispose();
        }
    }
}
