using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Coffer.Api.Tests.TestSupport;

namespace Coffer.Api.Tests.Keys;

/// <summary>
/// Private key material never reaches the data directory in the clear, nor any response. The scan is checked against a
/// control: a tag value, which Coffer stores in clear, and the public modulus are found by the same scan.
/// </summary>
public sealed class KeyEncryptionAtRestTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task ImportUseBackupRestore_PrivatePartsNeverInDataDirectoryOrResponses()
    {
        // Arrange
        var marker = "tagmarker" + Names.RandomText(31);
        using var rsa = RSA.Create(2048);
        var parameters = rsa.ExportParameters(true);
        var k = RandomNumberGenerator.GetBytes(32);
        var rsaName = Names.Unique("atrest");
        var octName = Names.Unique("atrest");
        var responses = new StringBuilder();
        var rsaJwk = KeyCryptographyInteropTests.RsaJwk(parameters);
        responses.Append(await SendAsync(HttpMethod.Put, KeyCalls.Path(rsaName), new JsonObject { ["key"] = rsaJwk, ["tags"] = new JsonObject { ["m"] = marker } }.ToJsonString()));
        responses.Append(await SendAsync(HttpMethod.Put, KeyCalls.Path(octName), new JsonObject { ["key"] = new JsonObject { ["kty"] = "oct", ["k"] = KeyCalls.B64(k) } }.ToJsonString()));

        // Act: every path that touches material: use, get, list, rotate, back up, delete, purge, restore.
        responses.Append(await SendAsync(HttpMethod.Post, KeyCalls.Path(rsaName, "//sign"), $$"""{"alg":"RS256","value":"{{KeyCalls.B64(new byte[32])}}"}"""));
        responses.Append(await SendAsync(HttpMethod.Post, KeyCalls.Path(octName, "//wrapkey"), $$"""{"alg":"A256KW","value":"{{KeyCalls.B64(new byte[16])}}"}"""));
        responses.Append(await SendAsync(HttpMethod.Get, KeyCalls.Path(rsaName, "/")));
        responses.Append(await SendAsync(HttpMethod.Get, KeyCalls.Path(octName, "/versions")));
        responses.Append(await SendAsync(HttpMethod.Post, KeyCalls.Path(octName, "/rotate")));
        var backup = await SendAsync(HttpMethod.Post, KeyCalls.Path(rsaName, "/backup"));
        responses.Append(await SendAsync(HttpMethod.Delete, KeyCalls.Path(rsaName)));
        using (var purge = await fixture.SendAsync(HttpMethod.Delete, $"/deletedkeys/{rsaName}?api-version={ServerFixture.ApiVersion}"))
        {
            Assert.Equal(System.Net.HttpStatusCode.NoContent, purge.StatusCode);
        }

        responses.Append(await SendAsync(HttpMethod.Post, KeyCalls.Path("restore"), backup));
        var files = ReadDataDirectory();

        // Assert
        Assert.True(Occurs(files, Encoding.UTF8.GetBytes(marker)), "The control (a tag value stored in clear) was not found: the scan reads nothing.");
        Assert.True(Occurs(files, parameters.Modulus!), "The control (the public modulus, stored in clear) was not found.");
        var text = responses.ToString();
        Assert.Contains(KeyCalls.B64(parameters.Modulus), text, StringComparison.Ordinal);
        foreach (var (part, bytes) in new[] { ("d", parameters.D!), ("p", parameters.P!), ("q", parameters.Q!), ("dp", parameters.DP!), ("qi", parameters.InverseQ!), ("k", k) })
        {
            foreach (var (form, encoded) in Forms(bytes))
            {
                var hit = files.FirstOrDefault(f => f.Value.AsSpan().IndexOf(encoded) >= 0).Key;
                Assert.True(hit is null, $"The private part '{part}' appears as {form} in {hit}.");
            }

            Assert.DoesNotContain(KeyCalls.B64(bytes), text, StringComparison.Ordinal);
        }

        foreach (var member in new[] { "\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"", "\"k\"" })
        {
            Assert.DoesNotContain(member, text, StringComparison.Ordinal);
        }
    }

    private async Task<string> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var response = await fixture.SendAsync(method, path, json);
        var body = await Wire.AssertJsonAsync(response);
        return method == HttpMethod.Post && path.Contains("/backup", StringComparison.Ordinal)
            ? new JsonObject { ["value"] = body.GetProperty("value").GetString() }.ToJsonString()
            : body.GetRawText();
    }

    private Dictionary<string, byte[]> ReadDataDirectory()
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(fixture.Server.DataDirectory, "*", SearchOption.AllDirectories))
        {
            if (Path.GetFileName(path) == "coffer.lock")
            {
                continue; // held exclusively by the running server; it never holds data
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[path] = copy.ToArray();
        }

        return files;
    }

    private static IEnumerable<(string Form, byte[] Bytes)> Forms(byte[] value)
    {
        yield return ("raw bytes", value);
        yield return ("base64", Encoding.ASCII.GetBytes(Convert.ToBase64String(value).TrimEnd('=')));
        yield return ("base64url", Encoding.ASCII.GetBytes(KeyCalls.B64(value)));
        yield return ("hex", Encoding.ASCII.GetBytes(Convert.ToHexString(value)));
        yield return ("hex", Encoding.ASCII.GetBytes(Convert.ToHexStringLower(value)));
    }

    private static bool Occurs(Dictionary<string, byte[]> files, byte[] needle) => files.Values.Any(content => content.AsSpan().IndexOf(needle) >= 0);
}
