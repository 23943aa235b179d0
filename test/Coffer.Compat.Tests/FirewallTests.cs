using System.Net;
using Azure;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Coffer.Core.Network;
using Coffer.Core.Vaults;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Compat.Tests;

/// <summary>
/// The vault firewall as the unmodified .NET SDK meets it: the same <see cref="SecretClient"/> code reads from an
/// address inside the rules and gets <see cref="RequestFailedException"/> 403 from one outside them.
/// </summary>
public sealed class FirewallTests(CompatFixture fixture)
{
    private static readonly IPAddress Outside = IPAddress.Parse("127.0.0.2");

    private SecretClient ClientFor(Uri vault, IPAddress source)
    {
        var options = new SecretClientOptions { Transport = new HttpClientTransport(fixture.Server.CreateHandler(source)) };
        options.Retry.MaxRetries = 0;
        return new SecretClient(vault, fixture.Credential, options);
    }

    private async Task<Uri> CreateVaultAsync(NetworkRuleSet rules, PublicNetworkAccess access = PublicNetworkAccess.Enabled)
    {
        var name = "fw" + Guid.NewGuid().ToString("N")[..12];
        var vaults = fixture.Server.Services.GetRequiredService<VaultDirectory>();
        var now = fixture.Server.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await vaults.CreateAsync(new Vault(Guid.NewGuid(), name, now, Vault.DefaultRetentionDays, false)
        {
            NetworkAcls = rules,
            PublicNetworkAccess = access,
        }, TestContext.Current.CancellationToken);
        return fixture.Server.VaultUri(name);
    }

    private static NetworkRuleSet DenyExcept(string cidr) =>
        new(NetworkDefaultAction.Deny, NetworkBypass.AzureServices, [IPv4Range.TryParse(cidr, out var range) ? range : throw new ArgumentException(cidr)]);

    [Fact]
    public async Task GetSecret_FromOutsideTheRules_Throws403ForbiddenAndInsideWorks()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var vault = await CreateVaultAsync(DenyExcept("127.0.0.1/32"));
        var inside = ClientFor(vault, IPAddress.Loopback);
        var outside = ClientFor(vault, Outside);
        var name = TestNames.Unique("fw");
        await inside.SetSecretAsync(name, "inside-value", ct);

        // Act
        var read = await inside.GetSecretAsync(name, cancellationToken: ct);
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => outside.GetSecretAsync(name, cancellationToken: ct));

        // Assert
        Assert.Equal("inside-value", read.Value.Value);
        Assert.Equal(403, error.Status);
        Assert.Equal("Forbidden", error.ErrorCode);
        Assert.Contains("Client address is not authorized and caller is not a trusted service.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Client address: 127.0.0.2", error.Message, StringComparison.Ordinal);
        Assert.Contains("ForbiddenByFirewall", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("inside-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetSecret_PublicNetworkAccessDisabled_Throws403ForEveryAddress()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var vault = await CreateVaultAsync(DenyExcept("127.0.0.0/8"), PublicNetworkAccess.Disabled);

        // Act
        var fromLoopback = await Assert.ThrowsAsync<RequestFailedException>(() => ClientFor(vault, IPAddress.Loopback).SetSecretAsync("blocked", "v", ct));
        var fromOther = await Assert.ThrowsAsync<RequestFailedException>(() => ClientFor(vault, Outside).SetSecretAsync("blocked", "v", ct));

        // Assert
        Assert.All([fromLoopback, fromOther], error =>
        {
            Assert.Equal(403, error.Status);
            Assert.Equal("Forbidden", error.ErrorCode);
            Assert.Contains("Public network access is disabled", error.Message, StringComparison.Ordinal);
        });
    }
}
