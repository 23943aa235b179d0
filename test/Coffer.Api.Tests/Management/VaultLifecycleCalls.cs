using System.Net;
using System.Text.Json;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core;

namespace Coffer.Api.Tests.Management;

/// <summary>Shorthands for the vault-lifecycle tests: paths, a create body, and a vault made through the API.</summary>
internal static class VaultLifecycleCalls
{
    public const string V = "?api-version=2023-07-01";

    public static string NewVaultName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    public static string VaultPath(this ServerFixture fixture, string group, string name) =>
        $"{fixture.Subscription()}/resourceGroups/{group}/providers/Microsoft.KeyVault/vaults/{name}";

    public static string DeletedPath(this ServerFixture fixture, string name, string location = "local") =>
        $"{fixture.Subscription()}/providers/Microsoft.KeyVault/locations/{location}/deletedVaults/{name}";

    public static string CreateBody(this ServerFixture fixture, string extra = "") =>
        $$$"""{"location":"local","properties":{"tenantId":"{{{fixture.GetService<Deployment>().TenantId:D}}}","sku":{"family":"A","name":"standard"}{{{extra}}}}}""";

    public static Task<JsonElement> CreateVaultAsync(this ServerFixture fixture, string group, string name, string extra = "") =>
        fixture.ArmJsonAsync(HttpMethod.Put, fixture.VaultPath(group, name) + V, fixture.CreateBody(extra), HttpStatusCode.Created);

    /// <summary>A request to vault <paramref name="vault"/>'s data plane with the fixture's token.</summary>
    public static Task<HttpResponseMessage> DataAsync(this ServerFixture fixture, string vault, HttpMethod method, string pathAndQuery, string? json = null) =>
        fixture.SendAsync(fixture.Request(method, pathAndQuery, json, fixture.Server.VaultUri(vault)));
}
