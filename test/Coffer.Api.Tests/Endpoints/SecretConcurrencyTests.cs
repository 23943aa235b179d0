using System.Net;
using Coffer.Api.Tests.TestSupport;

namespace Coffer.Api.Tests.Endpoints;

/// <summary>Concurrent writers over HTTP never lose a version and never get a 500 (DESIGN.md §2).</summary>
public sealed class SecretConcurrencyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int Writers = 12;

    [Fact]
    public async Task Put_ConcurrentToNewName_EveryWriteIsAVersion()
    {
        // Arrange
        var name = Names.Unique("race");

        // Act
        var responses = await Task.WhenAll(Enumerable.Range(0, Writers).Select(async i =>
        {
            using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody("v" + i));
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            return (response.StatusCode, text);
        }));

        // Assert
        Assert.All(responses, r => Assert.True(r.StatusCode == HttpStatusCode.OK, $"{(int)r.StatusCode}: {r.text}"));
        using var list = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name, "/versions"));
        var versions = (await Wire.AssertJsonAsync(list)).GetProperty("value").GetArrayLength();
        Assert.Equal(Writers, versions);
    }

    [Fact]
    public async Task Put_ConcurrentToDifferentNames_AllSucceed()
    {
        // Arrange
        var names = Enumerable.Range(0, Writers).Select(_ => Names.Unique("parallel")).ToList();

        // Act
        var statuses = await Task.WhenAll(names.Select(async name =>
        {
            using var response = await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody(name));
            return response.StatusCode;
        }));

        // Assert
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        foreach (var name in names)
        {
            using var get = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));
            Assert.Equal(name, (await Wire.AssertJsonAsync(get)).GetProperty("value").GetString());
        }
    }

    [Fact]
    public async Task DeleteAndPut_Concurrent_EndInAConsistentState()
    {
        // Arrange
        var name = Names.Unique("deleterace");
        await fixture.SetSecretAsync(name, "v");

        // Act
        var statuses = await Task.WhenAll(Enumerable.Range(0, Writers).Select(async i =>
        {
            using var response = i % 2 == 0
                ? await fixture.SendAsync(HttpMethod.Delete, SecretCalls.Path(name))
                : await fixture.SendAsync(HttpMethod.Put, SecretCalls.Path(name), SecretCalls.SetBody("v" + i));
            return response.StatusCode;
        }));

        // Assert: each delete either deleted (200) or found nothing live (404); each set either wrote (200) or met the deleted name (409).
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Conflict }));
        Assert.Contains(HttpStatusCode.OK, statuses);
        using var live = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(name));
        using var deleted = await fixture.SendAsync(HttpMethod.Get, $"/deletedsecrets/{name}?api-version={ServerFixture.ApiVersion}");
        Assert.True((live.StatusCode == HttpStatusCode.OK) ^ (deleted.StatusCode == HttpStatusCode.OK), $"live {(int)live.StatusCode}, deleted {(int)deleted.StatusCode}");
    }
}
