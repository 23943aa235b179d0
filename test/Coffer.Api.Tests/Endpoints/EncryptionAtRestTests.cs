using System.Text;
using System.Text.Json.Nodes;
using Coffer.Api.Tests.TestSupport;

namespace Coffer.Api.Tests.Endpoints;

/// <summary>
/// Secret values written over HTTP never reach the data directory in plaintext (or as base64 of the plaintext).
/// The scan is checked against a control: a tag value, which Coffer stores in clear, is found by the same scan.
/// </summary>
public sealed class EncryptionAtRestTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task SetUpdateBackupRestore_ValuesNeverInDataDirectory()
    {
        // Arrange
        var marker = "tagmarker" + Names.RandomText(31);
        var values = new List<string>();
        var names = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var name = Names.Unique("atrest");
            names.Add(name);
            for (var version = 0; version < 2; version++)
            {
                var value = Names.RandomText(40);
                values.Add(value);
                await fixture.SetSecretAsync(name, value, contentType: "text/plain", tags: new JsonObject { ["marker"] = marker });
            }
        }

        // Act: also read, update, back up, delete, purge and restore one, so every write path has run.
        using (var patch = await fixture.SendAsync(HttpMethod.Patch, SecretCalls.Path(names[0], "/"), """{"tags":{"p":"q"}}"""))
        {
            await Wire.AssertJsonAsync(patch);
        }

        using (var get = await fixture.SendAsync(HttpMethod.Get, SecretCalls.Path(names[1])))
        {
            await Wire.AssertJsonAsync(get);
        }

        string blob;
        using (var backup = await fixture.SendAsync(HttpMethod.Post, SecretCalls.Path(names[2], "/backup")))
        {
            blob = (await Wire.AssertJsonAsync(backup)).GetProperty("value").GetString()!; // a backup always has a value
        }

        await fixture.DeleteSecretAsync(names[2]);
        using (var purge = await fixture.SendAsync(HttpMethod.Delete, $"/deletedsecrets/{names[2]}?api-version={ServerFixture.ApiVersion}"))
        {
            Assert.Equal(System.Net.HttpStatusCode.NoContent, purge.StatusCode);
        }

        using (var restore = await fixture.SendAsync(HttpMethod.Post, $"/secrets/restore?api-version={ServerFixture.ApiVersion}", $$"""{"value":"{{blob}}"}"""))
        {
            await Wire.AssertJsonAsync(restore);
        }

        var files = ReadDataDirectory();

        // Assert
        Assert.Contains(files.Keys, path => Path.GetFileName(path) == "coffer.db");
        Assert.True(Occurs(files, Encoding.UTF8.GetBytes(marker)), "The control (a tag value stored in clear) was not found: the scan reads nothing.");
        foreach (var value in values)
        {
            foreach (var (form, bytes) in Forms(value))
            {
                var hit = files.FirstOrDefault(f => IndexOf(f.Value, bytes) >= 0).Key;
                Assert.True(hit is null, $"A secret value appears as {form} in {hit}.");
            }
        }
    }

    private Dictionary<string, byte[]> ReadDataDirectory()
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(fixture.Server.DataDirectory, "*", SearchOption.AllDirectories))
        {
            if (Path.GetFileName(path) == "coffer.lock")
            {
                // Held exclusively by the running server; it never holds data.
                Assert.Equal(0, new FileInfo(path).Length);
                continue;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[path] = copy.ToArray();
        }

        return files;
    }

    private static IEnumerable<(string Form, byte[] Bytes)> Forms(string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        yield return ("UTF-8", utf8);
        yield return ("UTF-16", Encoding.Unicode.GetBytes(value));
        yield return ("base64", Encoding.ASCII.GetBytes(Convert.ToBase64String(utf8).TrimEnd('=')));
        yield return ("base64url", Encoding.ASCII.GetBytes(Jwt.Base64UrlEncode(utf8)));
        yield return ("hex", Encoding.ASCII.GetBytes(Convert.ToHexString(utf8)));
        yield return ("hex", Encoding.ASCII.GetBytes(Convert.ToHexStringLower(utf8)));
    }

    private static bool Occurs(Dictionary<string, byte[]> files, byte[] needle) => files.Values.Any(content => IndexOf(content, needle) >= 0);

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
