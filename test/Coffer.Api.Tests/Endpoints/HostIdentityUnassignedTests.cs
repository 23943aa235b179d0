using System.Net;
using Coffer.Api.Tests.TestSupport;

namespace Coffer.Api.Tests.Endpoints;

/// <summary>Without <c>--imds-identity</c> (the default) IMDS and Cloud Shell serve nobody, as IMDS answers a VM without identities.</summary>
public sealed class HostIdentityUnassignedTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Imds_NoIdentityAssigned_Returns400IdentityNotFound()
    {
        // Arrange: identity 'dev' exists (with a credential) but is not assigned to the host.
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"http://127.0.0.1:{fixture.Server.IdentityPort}/metadata/identity/oauth2/token?api-version=2018-02-01&resource={Uri.EscapeDataString(fixture.Server.Resource)}");
        request.Headers.Add("Metadata", "true");

        // Act
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("Identity not found", await HostIdentityProtocolTests.AssertRefusedAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task CloudShell_NoIdentityAssigned_Returns400()
    {
        // Arrange
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{fixture.Server.IdentityPort}/msi/cloudshell")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["resource"] = fixture.Server.Resource }),
        };
        request.Headers.Add("Metadata", "true");

        // Act
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("Identity not found", await HostIdentityProtocolTests.AssertRefusedAsync(response, HttpStatusCode.BadRequest));
    }
}
