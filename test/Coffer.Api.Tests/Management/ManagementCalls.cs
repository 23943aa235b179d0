using System.Text.Json;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core;

namespace Coffer.Api.Tests.Management;

/// <summary>Raw calls to the management API on the bare host, with a given token.</summary>
internal static class ManagementCalls
{
    public static string Subscription(this ServerFixture fixture) => "/subscriptions/" + fixture.GetService<Deployment>().SubscriptionId.ToString("D");

    public static Task<HttpResponseMessage> ArmAsync(this ServerFixture fixture, string? token, HttpMethod method, string pathAndQuery, string? json = null)
    {
        var request = fixture.RequestAs(token, method, pathAndQuery, json, new Uri(fixture.Server.Resource));
        return fixture.SendAsync(request);
    }

    public static async Task<JsonElement> ArmJsonAsync(this ServerFixture fixture, HttpMethod method, string pathAndQuery, string? json = null, System.Net.HttpStatusCode status = System.Net.HttpStatusCode.OK)
    {
        using var response = await fixture.ArmAsync(fixture.Token, method, pathAndQuery, json);
        return await Wire.AssertJsonAsync(response, status);
    }
}
