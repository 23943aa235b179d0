using System.Net;
using System.Text.Json;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core;

namespace Coffer.Api.Tests.Network;

/// <summary>Vaults with network settings, made through the management API, and data-plane reads from a chosen client.</summary>
internal static class FirewallCalls
{
    public const string ArmVersion = "?api-version=2023-07-01";

    public static readonly string ReadPath = $"/secrets?api-version={ServerFixture.ApiVersion}&maxresults=1";

    public static string NewVaultName() => "fw" + Guid.NewGuid().ToString("N")[..12];

    public static string VaultPath(this ServerFixture fixture, string name, string group = "network") =>
        $"/subscriptions/{fixture.GetService<Deployment>().SubscriptionId:D}/resourceGroups/{group}/providers/Microsoft.KeyVault/vaults/{name}";

    /// <summary>A PUT body for a vault with the given extra members of <c>properties</c> (each starting with a comma).</summary>
    public static string VaultBody(this ServerFixture fixture, string extraProperties = "") =>
        $$$"""{"location":"local","properties":{"tenantId":"{{{fixture.GetService<Deployment>().TenantId:D}}}","sku":{"family":"A","name":"standard"}{{{extraProperties}}}}}""";

    /// <summary>A body fragment setting <c>networkAcls</c> to Deny with the given rules.</summary>
    public static string DenyExcept(params string[] rules) =>
        $$"""
        ,"networkAcls":{"defaultAction":"Deny","bypass":"AzureServices","ipRules":[{{string.Join(',', rules.Select(r => $"{{\"value\":\"{r}\"}}"))}}]}
        """.Trim();

    /// <summary>Creates a vault through the management API (201) and returns its JSON.</summary>
    public static async Task<JsonElement> CreateVaultAsync(this ServerFixture fixture, string name, string extraProperties = "")
    {
        using var response = await fixture.ArmAsync(HttpMethod.Put, fixture.VaultPath(name) + ArmVersion, fixture.VaultBody(extraProperties));
        return await Wire.AssertJsonAsync(response, HttpStatusCode.Created);
    }

    public static async Task<HttpResponseMessage> ArmAsync(this ServerFixture fixture, HttpMethod method, string pathAndQuery, string? json = null, HttpClient? client = null)
    {
        using var request = fixture.RequestAs(fixture.Token, method, pathAndQuery, json, new Uri(fixture.Server.Resource));
        return await (client ?? fixture.Client).SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Lists at most one secret of vault <paramref name="name"/> through <paramref name="client"/>, with the 'dev' token unless told.</summary>
    public static async Task<HttpResponseMessage> ReadVaultAsync(this ServerFixture fixture, HttpClient client, string name, Action<HttpRequestMessage>? configure = null, bool anonymous = false)
    {
        using var request = fixture.RequestAs(anonymous ? null : fixture.Token, HttpMethod.Get, ReadPath, baseUri: fixture.Server.VaultUri(name));
        configure?.Invoke(request);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
