using Azure.Security.KeyVault.Secrets;

namespace Coffer.Compat.Tests;

/// <summary>Parallel writers through several clients (each with its own connections): no write is lost or mixed up.</summary>
public sealed class ConcurrencyTests(CompatFixture fixture)
{
    private const int Writers = 32;
    private const int Clients = 4;

    [Fact]
    public async Task SetSecret_ParallelWritersOnOneName_EveryVersionKeptWithItsOwnValue()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var clients = Enumerable.Range(0, Clients).Select(_ => fixture.CreateSecretClient()).ToArray();
        var name = TestNames.Unique("conc-same");
        var values = Enumerable.Range(0, Writers).Select(i => $"writer {i} {Guid.NewGuid():N}").ToArray();

        // Act
        var results = await Task.WhenAll(values.Select((value, i) =>
            Task.Run(async () => (await clients[i % Clients].SetSecretAsync(name, value, ct)).Value, ct)));

        // Assert
        var versionToValue = results.ToDictionary(r => r.Properties.Version, r => r.Value, StringComparer.Ordinal);
        Assert.Equal(Writers, versionToValue.Count);
        Assert.Equal(values.Order(StringComparer.Ordinal), versionToValue.Values.Order(StringComparer.Ordinal));

        var listed = new List<string>();
        await foreach (var properties in clients[0].GetPropertiesOfSecretVersionsAsync(name, ct))
        {
            listed.Add(properties.Version);
        }

        Assert.Equal(versionToValue.Keys.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        var reads = await Task.WhenAll(versionToValue.Keys.Select((version, i) =>
            clients[i % Clients].GetSecretAsync(name, version, ct)));
        Assert.All(reads, read => Assert.Equal(versionToValue[read.Value.Properties.Version], read.Value.Value));

        var latest = (await clients[1].GetSecretAsync(name, cancellationToken: ct)).Value;
        Assert.Equal(versionToValue[latest.Properties.Version], latest.Value);
    }

    [Fact]
    public async Task SetSecretAndGetSecret_ParallelOnDistinctNames_EachReaderSeesItsOwnValue()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var clients = Enumerable.Range(0, Clients).Select(_ => fixture.CreateSecretClient()).ToArray();
        var stem = TestNames.Unique("conc-many");
        var expected = Enumerable.Range(0, Writers).ToDictionary(i => $"{stem}-{i:D2}", i => $"value {i}");

        // Act
        var roundTrips = await Task.WhenAll(expected.Select((pair, i) => Task.Run(async () =>
        {
            var client = clients[i % Clients];
            await client.SetSecretAsync(pair.Key, pair.Value, ct);
            return (await client.GetSecretAsync(pair.Key, cancellationToken: ct)).Value;
        }, ct)));

        // Assert
        Assert.Equal(Writers, roundTrips.Length);
        Assert.All(roundTrips, secret => Assert.Equal(expected[secret.Name], secret.Value));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), roundTrips.Select(s => s.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task UpdateSecretProperties_ParallelOnDistinctVersions_EachVersionKeepsItsOwnTags()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var clients = Enumerable.Range(0, Clients).Select(_ => fixture.CreateSecretClient()).ToArray();
        var name = TestNames.Unique("conc-upd");
        var versions = new List<SecretProperties>();
        for (var i = 0; i < 8; i++)
        {
            versions.Add((await clients[0].SetSecretAsync(name, $"v{i}", ct)).Value.Properties);
        }

        // Act
        await Task.WhenAll(versions.Select((properties, i) => Task.Run(async () =>
        {
            properties.Tags["owner"] = $"writer-{i}";
            await clients[i % Clients].UpdateSecretPropertiesAsync(properties, ct);
        }, ct)));

        // Assert
        var listed = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var properties in clients[0].GetPropertiesOfSecretVersionsAsync(name, ct))
        {
            listed.Add(properties.Version, properties.Tags["owner"]);
        }

        Assert.Equal(versions.Count, listed.Count);
        for (var i = 0; i < versions.Count; i++)
        {
            Assert.Equal($"writer-{i}", listed[versions[i].Version]);
        }
    }

    [Fact]
    public async Task UpdateSecretProperties_ParallelPatchesOfDifferentFields_EveryChangeKept()
    {
        // Arrange: each PATCH names one field only (the SDK leaves unset properties out of the body), so the
        // patches do not overlap and, applied in any order, must all show in the end.
        var ct = TestContext.Current.CancellationToken;
        var clients = Enumerable.Range(0, Clients).Select(_ => fixture.CreateSecretClient()).ToArray();
        var stem = TestNames.Unique("conc-patch");
        var now = TestNames.WholeSeconds(DateTimeOffset.UtcNow);
        var ids = new List<Uri>();
        for (var round = 0; round < 10; round++)
        {
            ids.Add((await clients[0].SetSecretAsync($"{stem}-{round}", "v", ct)).Value.Id);
        }

        // Act
        await Task.WhenAll(ids.Select(id => Task.WhenAll(
            Task.Run(() => clients[0].UpdateSecretPropertiesAsync(new SecretProperties(id) { ContentType = "text/patched" }, ct), ct),
            Task.Run(() => clients[1].UpdateSecretPropertiesAsync(new SecretProperties(id) { ExpiresOn = now.AddDays(3) }, ct), ct),
            Task.Run(() => clients[2].UpdateSecretPropertiesAsync(new SecretProperties(id) { NotBefore = now.AddDays(-3) }, ct), ct),
            Task.Run(() =>
            {
                var properties = new SecretProperties(id);
                properties.Tags["patched"] = "yes";
                return clients[3].UpdateSecretPropertiesAsync(properties, ct);
            }, ct))));

        // Assert
        var lost = new List<string>();
        foreach (var id in ids)
        {
            var name = id.Segments[2].TrimEnd('/');
            var got = (await clients[0].GetSecretAsync(name, cancellationToken: ct)).Value.Properties;
            if (got.ContentType != "text/patched" || got.ExpiresOn != now.AddDays(3) || got.NotBefore != now.AddDays(-3) || !got.Tags.ContainsKey("patched"))
            {
                lost.Add($"{name}: contentType={got.ContentType ?? "null"}, exp={got.ExpiresOn?.ToString("O") ?? "null"}, nbf={got.NotBefore?.ToString("O") ?? "null"}, tags={got.Tags.Count}");
            }
        }

        Assert.True(lost.Count == 0, $"{lost.Count} of {ids.Count} secrets lost a concurrent PATCH:\n" + string.Join("\n", lost));
    }
}
