using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using ServiceVersion = Azure.Security.KeyVault.Secrets.SecretClientOptions.ServiceVersion;

namespace Coffer.Compat.Tests;

/// <summary>
/// Every api-version the SDK can be pinned to (7.0 to the newest) works, and is really the one sent: a per-call
/// policy only records request URIs; it changes nothing in the request.
/// </summary>
public sealed class ServiceVersionTests(CompatFixture fixture)
{
    public static TheoryData<ServiceVersion> AllServiceVersions => new(Enum.GetValues<ServiceVersion>());

    [Theory]
    [MemberData(nameof(AllServiceVersions))]
    public async Task SetSecretAndGetSecret_PinnedServiceVersion_RoundTripsWithThatApiVersion(ServiceVersion version)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (client, requests) = CreateRecordingClient(version);
        var name = TestNames.Unique("ver-" + ApiVersionOf(version).Replace('.', '-'));
        var secret = new KeyVaultSecret(name, $"value for {version}");
        secret.Properties.ContentType = "text/plain";
        secret.Properties.Tags["version"] = version.ToString();

        // Act
        var set = (await client.SetSecretAsync(secret, ct)).Value;
        var latest = (await client.GetSecretAsync(name, cancellationToken: ct)).Value;
        var byVersion = (await client.GetSecretAsync(name, set.Properties.Version, ct)).Value;

        // Assert
        Assert.Equal($"value for {version}", latest.Value);
        Assert.Equal(set.Properties.Version, latest.Properties.Version);
        Assert.Equal($"value for {version}", byVersion.Value);
        Assert.Equal("text/plain", latest.Properties.ContentType);
        Assert.Equal(version.ToString(), latest.Properties.Tags["version"]);
        AssertAllSentWith(requests, version);
    }

    [Theory]
    [MemberData(nameof(AllServiceVersions))]
    public async Task SecretOperations_PinnedServiceVersion_UpdateListDeleteAndPurgeWork(ServiceVersion version)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (client, requests) = CreateRecordingClient(version);
        var name = TestNames.Unique("verops-" + ApiVersionOf(version).Replace('.', '-'));
        var set = (await client.SetSecretAsync(name, "v", ct)).Value;
        set.Properties.Tags["updated"] = "yes";

        // Act
        var updated = (await client.UpdateSecretPropertiesAsync(set.Properties, ct)).Value;
        var versions = new List<string>();
        await foreach (var properties in client.GetPropertiesOfSecretVersionsAsync(name, ct))
        {
            versions.Add(properties.Version);
        }

        var deleted = (await (await client.StartDeleteSecretAsync(name, ct)).WaitForCompletionAsync(ct)).Value;
        var fetched = (await client.GetDeletedSecretAsync(name, ct)).Value;
        var purge = await client.PurgeDeletedSecretAsync(name, ct);

        // Assert
        Assert.Equal("yes", updated.Tags["updated"]);
        Assert.Equal(new[] { set.Properties.Version }, versions);
        Assert.Equal(name, deleted.Name);
        Assert.Equal(deleted.RecoveryId, fetched.RecoveryId);
        Assert.Equal(204, purge.Status);
        AssertAllSentWith(requests, version);
    }

    private static string ApiVersionOf(ServiceVersion version) => version switch
    {
        ServiceVersion.V7_0 => "7.0",
        ServiceVersion.V7_1 => "7.1",
        ServiceVersion.V7_2 => "7.2",
        ServiceVersion.V7_3 => "7.3",
        ServiceVersion.V7_4 => "7.4",
        ServiceVersion.V7_5 => "7.5",
        ServiceVersion.V7_6 => "7.6",
        ServiceVersion.V2025_07_01 => "2025-07-01",
        ServiceVersion.V2026_04_01 => "2026-04-01",
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "A service version this suite does not know yet: add it here."),
    };

    private static void AssertAllSentWith(ConcurrentQueue<Uri> requests, ServiceVersion version)
    {
        Assert.NotEmpty(requests);
        Assert.All(requests, uri => Assert.Contains($"api-version={ApiVersionOf(version)}", uri.Query, StringComparison.Ordinal));
    }

    /// <summary>Like <see cref="CompatFixture.CreateSecretClient"/>, plus a policy that records each request's URI.</summary>
    private (SecretClient Client, ConcurrentQueue<Uri> Requests) CreateRecordingClient(ServiceVersion version)
    {
        var requests = new ConcurrentQueue<Uri>();
        var options = new SecretClientOptions(version) { Transport = new HttpClientTransport(fixture.Server.CreateHandler()) };
        options.Retry.MaxRetries = 0;
        options.AddPolicy(new RecordingPolicy(requests), HttpPipelinePosition.PerCall);
        return (new SecretClient(fixture.Server.DevVaultUri, fixture.Credential, options), requests);
    }

    private sealed class RecordingPolicy(ConcurrentQueue<Uri> requests) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => requests.Enqueue(message.Request.Uri.ToUri());
    }
}
