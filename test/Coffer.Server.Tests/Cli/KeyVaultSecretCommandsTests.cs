using System.Text;
using System.Text.Json;

namespace Coffer.Server.Tests.Cli;

/// <summary>
/// <c>coffer keyvault secret …</c>: the real executable against a real server (vault 'dev'), signed in as managed
/// identity 'dev', asserting exit codes and az's output keys and values.
/// </summary>
public sealed class KeyVaultSecretCommandsTests(ClientCommandsTests.Fixture fixture) : IClassFixture<ClientCommandsTests.Fixture>
{
    private static readonly string[] ShowKeys = ["attributes", "contentType", "id", "kid", "managed", "name", "tags", "value"];
    private static readonly string[] ListKeys = ["attributes", "contentType", "id", "managed", "name", "tags"];
    private static readonly string[] AttributeKeys = ["created", "enabled", "expires", "notBefore", "recoverableDays", "recoveryLevel", "updated"];
    private static readonly string[] DeletedKeys = ["attributes", "contentType", "deletedDate", "id", "kid", "managed", "name", "recoveryId", "scheduledPurgeDate", "tags", "value"];

    private CliRunner Cli => fixture.Cli;

    [Fact]
    public async Task Set_Show_List_ListVersions_PrintAzsShapes()
    {
        // Arrange
        var name = "s-" + Guid.NewGuid().ToString("N")[..8];
        var file = Path.Combine(Path.GetTempPath(), name + ".txt");
        await File.WriteAllTextAsync(file, "from a file\r\nsecond line", TestContext.Current.CancellationToken);

        // Act
        var first = await Cli.RunJsonAsync("keyvault", "secret", "set", "--vault-name", "dev", "--name", name, "--value", "first value",
            "--content-type", "text/plain", "--tags", "env=test", "team=core");
        var second = await Cli.RunJsonAsync("keyvault", "secret", "set", "--vault-name", "dev", "-n", name, "--file", file);
        var latest = await Cli.RunJsonAsync("keyvault", "secret", "show", "--vault-name", "dev", "--name", name);
        var byId = await Cli.RunJsonAsync("keyvault", "secret", "show", "--id", first.GetProperty("id").GetString()!);
        var listed = await Cli.RunJsonAsync("keyvault", "secret", "list", "--vault-name", "dev");
        var versions = await Cli.RunJsonAsync("keyvault", "secret", "list-versions", "--vault-name", "dev", "--name", name);
        File.Delete(file);

        // Assert
        Assert.Equal(ShowKeys, first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(AttributeKeys, first.GetProperty("attributes").EnumerateObject().Select(p => p.Name));
        Assert.Equal("first value", first.GetProperty("value").GetString());
        Assert.Equal("text/plain", first.GetProperty("contentType").GetString());
        Assert.Equal("""{"env":"test","file-encoding":"utf-8","team":"core"}""", first.GetProperty("tags").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
        Assert.StartsWith($"https://dev.localhost:{fixture.Server.Port}/secrets/{name}/", first.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("kid").ValueKind);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("managed").ValueKind);
        Assert.True(first.GetProperty("attributes").GetProperty("enabled").GetBoolean());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$", first.GetProperty("attributes").GetProperty("created").GetString());
        Assert.Equal("from a file\nsecond line", second.GetProperty("value").GetString());
        Assert.Equal("from a file\nsecond line", latest.GetProperty("value").GetString());
        Assert.Equal("first value", byId.GetProperty("value").GetString());
        var item = Assert.Single(listed.EnumerateArray(), i => i.GetProperty("name").GetString() == name);
        Assert.Equal(ListKeys, item.EnumerateObject().Select(p => p.Name));
        Assert.Equal(second.GetProperty("id").GetString()![..^33], item.GetProperty("id").GetString());
        Assert.Equal(2, versions.GetArrayLength());
        Assert.All(versions.EnumerateArray(), v => Assert.Equal(ListKeys, v.EnumerateObject().Select(p => p.Name)));
    }

    [Fact]
    public async Task Set_FileInBase64AndHex_StoresTheEncodedBytes()
    {
        // Arrange
        var name = "b-" + Guid.NewGuid().ToString("N")[..8];
        var file = Path.Combine(Path.GetTempPath(), name + ".bin");
        byte[] bytes = [0, 1, 2, 0xfe, 0xff];
        await File.WriteAllBytesAsync(file, bytes, TestContext.Current.CancellationToken);

        // Act
        var base64 = await Cli.RunJsonAsync("keyvault", "secret", "set", "--vault-name", "dev", "--name", name, "--file", file, "--encoding", "base64");
        var hex = await Cli.RunJsonAsync("keyvault", "secret", "set", "--vault-name", "dev", "--name", name, "--file", file, "-e", "hex");
        File.Delete(file);

        // Assert
        Assert.Equal(Convert.ToBase64String(bytes), base64.GetProperty("value").GetString());
        Assert.Equal("base64", base64.GetProperty("tags").GetProperty("file-encoding").GetString());
        Assert.Equal("000102feff", hex.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Download_WritesTheValueInItsEncoding_OwnerOnly_AndNeverOverAFile()
    {
        // Arrange
        var name = "d-" + Guid.NewGuid().ToString("N")[..8];
        var directory = Directory.CreateTempSubdirectory("coffer-download-");
        byte[] bytes = [0, 1, 2, 0xfe, 0xff];
        var source = Path.Combine(directory.FullName, "source.bin");
        await File.WriteAllBytesAsync(source, bytes, TestContext.Current.CancellationToken);
        await Cli.RunJsonAsync("keyvault", "secret", "set", "--vault-name", "dev", "--name", name, "--file", source, "--encoding", "base64");
        var text = name + "-text";
        await Cli.RunJsonAsync("keyvault", "secret", "set", "--vault-name", "dev", "--name", text, "--value", "héllo");
        var (binaryFile, utf16File) = (Path.Combine(directory.FullName, "binary.out"), Path.Combine(directory.FullName, "text.out"));

        // Act
        var binary = await Cli.RunAsync("keyvault", "secret", "download", "--vault-name", "dev", "--name", name, "--file", binaryFile);
        var utf16 = await Cli.RunAsync("keyvault", "secret", "download", "--vault-name", "dev", "--name", text, "--file", utf16File, "--encoding", "utf-16le");
        var again = await Cli.RunAsync("keyvault", "secret", "download", "--vault-name", "dev", "--name", text, "--file", utf16File);
        var ascii = await Cli.RunAsync("keyvault", "secret", "download", "--vault-name", "dev", "--name", text, "--file", Path.Combine(directory.FullName, "ascii.out"), "-e", "ascii");

        // Assert
        Assert.Equal(0, binary.Exit);
        Assert.Equal(string.Empty, binary.Out.Trim());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(binaryFile, TestContext.Current.CancellationToken));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(binaryFile));
        }

        Assert.Equal(0, utf16.Exit);
        Assert.Equal(Encoding.Unicode.GetBytes("héllo"), await File.ReadAllBytesAsync(utf16File, TestContext.Current.CancellationToken));
        Assert.Equal(1, again.Exit);
        Assert.Contains("already exists", again.Error, StringComparison.Ordinal);
        Assert.Equal(1, ascii.Exit);
        Assert.DoesNotContain("héllo", ascii.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(directory.FullName, "ascii.out")));
        directory.Delete(recursive: true);
    }

    [Fact]
    public async Task SetAttributes_ChangesOnlyWhatIsGiven_AndPrintsNoValue()
    {
        // Arrange
        var name = "a-" + Guid.NewGuid().ToString("N")[..8];
        await Cli.RunJsonAsync("keyvault", "secret", "set", "--vault-name", "dev", "--name", name, "--value", "kept", "--content-type", "text/plain");

        // Act
        var updated = await Cli.RunJsonAsync("keyvault", "secret", "set-attributes", "--vault-name", "dev", "--name", name,
            "--enabled", "false", "--expires", "2030-01-31T10:00:00Z", "--not-before", "2020-01-01T00:00:00+02:00");
        var disabledShow = await Cli.RunAsync("keyvault", "secret", "show", "--vault-name", "dev", "--name", name);
        var enabled = await Cli.RunJsonAsync("keyvault", "secret", "set-attributes", "--vault-name", "dev", "--name", name, "--enabled");
        var shown = await Cli.RunJsonAsync("keyvault", "secret", "show", "--vault-name", "dev", "--name", name);

        // Assert
        Assert.Equal(ShowKeys, updated.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("value").ValueKind);
        Assert.False(updated.GetProperty("attributes").GetProperty("enabled").GetBoolean());
        Assert.Equal("2030-01-31T10:00:00+00:00", updated.GetProperty("attributes").GetProperty("expires").GetString());
        Assert.Equal("2019-12-31T22:00:00+00:00", updated.GetProperty("attributes").GetProperty("notBefore").GetString());
        Assert.Equal("text/plain", updated.GetProperty("contentType").GetString());
        Assert.Equal(1, disabledShow.Exit);
        Assert.Contains("Code: Forbidden", disabledShow.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("kept", disabledShow.Out + disabledShow.Error, StringComparison.Ordinal);
        Assert.True(enabled.GetProperty("attributes").GetProperty("enabled").GetBoolean());
        Assert.Equal("kept", shown.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Delete_ListDeleted_ShowDeleted_Recover_Purge()
    {
        // Arrange
        var name = "d-" + Guid.NewGuid().ToString("N")[..8];
        await Cli.RunJsonAsync("keyvault", "secret", "set", "--vault-name", "dev", "--name", name, "--value", "to delete");

        // Act
        var deleted = await Cli.RunJsonAsync("keyvault", "secret", "delete", "--vault-name", "dev", "--name", name);
        var gone = await Cli.RunAsync("keyvault", "secret", "show", "--vault-name", "dev", "--name", name);
        var listedDeleted = await Cli.RunJsonAsync("keyvault", "secret", "list-deleted", "--vault-name", "dev");
        var shownDeleted = await Cli.RunJsonAsync("keyvault", "secret", "show-deleted", "--vault-name", "dev", "--name", name);
        var recovered = await Cli.RunJsonAsync("keyvault", "secret", "recover", "--vault-name", "dev", "--name", name);
        var back = await Cli.RunJsonAsync("keyvault", "secret", "show", "--vault-name", "dev", "--name", name);
        await Cli.RunJsonAsync("keyvault", "secret", "delete", "--vault-name", "dev", "--name", name);
        var purged = await Cli.RunAsync("keyvault", "secret", "purge", "--vault-name", "dev", "--name", name);
        var afterPurge = await Cli.RunAsync("keyvault", "secret", "show-deleted", "--vault-name", "dev", "--name", name);

        // Assert
        Assert.Equal(DeletedKeys, deleted.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, deleted.GetProperty("value").ValueKind);
        Assert.Equal($"https://dev.localhost:{fixture.Server.Port}/deletedsecrets/{name}", deleted.GetProperty("recoveryId").GetString());
        Assert.Equal(1, gone.Exit);
        Assert.StartsWith("coffer: (SecretNotFound) ", gone.Error, StringComparison.Ordinal);
        Assert.Contains("\nCode: SecretNotFound\nMessage: ", gone.Error, StringComparison.Ordinal);
        var item = Assert.Single(listedDeleted.EnumerateArray(), i => i.GetProperty("name").GetString() == name);
        Assert.Equal(["attributes", "contentType", "deletedDate", "id", "managed", "name", "recoveryId", "scheduledPurgeDate", "tags"], item.EnumerateObject().Select(p => p.Name));
        Assert.Equal(deleted.GetProperty("scheduledPurgeDate").GetString(), shownDeleted.GetProperty("scheduledPurgeDate").GetString());
        Assert.Equal(["attributes", "contentType", "id", "kid", "managed", "name", "tags", "value"], recovered.EnumerateObject().Select(p => p.Name));
        Assert.Equal("to delete", back.GetProperty("value").GetString());
        Assert.Equal(0, purged.Exit);
        Assert.Equal(string.Empty, purged.Out);
        Assert.Equal(1, afterPurge.Exit);
        Assert.Contains("\nCode: SecretNotFound\n", afterPurge.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_Purge_Restore_BringsTheSecretBack()
    {
        // Arrange
        var name = "r-" + Guid.NewGuid().ToString("N")[..8];
        var file = Path.Combine(Path.GetTempPath(), name + ".backup");
        await Cli.RunJsonAsync("keyvault", "secret", "set", "--vault-name", "dev", "--name", name, "--value", "restore me");

        // Act
        var backup = await Cli.RunAsync("keyvault", "secret", "backup", "--vault-name", "dev", "--name", name, "--file", file);
        await Cli.RunJsonAsync("keyvault", "secret", "delete", "--vault-name", "dev", "--name", name);
        await Cli.RunAsync("keyvault", "secret", "purge", "--vault-name", "dev", "--name", name);
        var missing = await Cli.RunAsync("keyvault", "secret", "show", "--vault-name", "dev", "--name", name);
        var restored = await Cli.RunJsonAsync("keyvault", "secret", "restore", "--vault-name", "dev", "--file", file);
        var shown = await Cli.RunJsonAsync("keyvault", "secret", "show", "--vault-name", "dev", "--name", name);
        var blob = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
        File.Delete(file);

        // Assert
        Assert.Equal(0, backup.Exit);
        Assert.Equal(string.Empty, backup.Out);
        Assert.DoesNotContain("restore me", Encoding.Latin1.GetString(blob), StringComparison.Ordinal);
        Assert.Equal(1, missing.Exit);
        Assert.Equal(name, restored.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, restored.GetProperty("value").ValueKind);
        Assert.Equal("restore me", shown.GetProperty("value").GetString());
    }

    [Fact]
    public async Task TableAndTsv_PrintAsAz()
    {
        // Arrange
        var name = "t-" + Guid.NewGuid().ToString("N")[..8];
        await Cli.RunJsonAsync("keyvault", "secret", "set", "--vault-name", "dev", "--name", name, "--value", "tabular", "--content-type", "text/plain");

        // Act
        var table = await Cli.RunAsync("keyvault", "secret", "list", "--vault-name", "dev", "-o", "table");
        var tsv = await Cli.RunAsync("keyvault", "secret", "show", "--vault-name", "dev", "--name", name, "--output", "tsv");

        // Assert
        Assert.Equal(0, table.Exit);
        var lines = table.Out.Split('\n');
        Assert.Equal(["ContentType", "Name"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        Assert.StartsWith("---", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).SequenceEqual([name, "text/plain"]));
        Assert.Equal(0, tsv.Exit);
        // Keys in order: attributes (an object: empty), contentType, id, kid, managed, name, tags (an object: empty), value.
        var fields = tsv.Out.TrimEnd('\n').Split('\t');
        Assert.Equal(8, fields.Length);
        Assert.Equal(["", "text/plain"], fields[..2]);
        Assert.Equal(["None", "None", name, "", "tabular"], fields[3..]);
    }

    [Fact]
    public async Task Query_SelectsFromTheResultBeforeTheOutputFormat_AsAz()
    {
        // Arrange
        var name = "q-" + Guid.NewGuid().ToString("N")[..8];
        var unset = "q-" + Guid.NewGuid().ToString("N")[..8];
        await Cli.RunJsonAsync("keyvault", "secret", "set", "--vault-name", "dev", "--name", name, "--value", "queried value");

        // Act
        var value = await Cli.RunAsync("keyvault", "secret", "show", "--vault-name", "dev", "--name", name, "--query", "value", "-o", "tsv");
        var filtered = await Cli.RunAsync("keyvault", "secret", "list", "--vault-name", "dev", "--query", $"[?name=='{name}'].name", "-o", "tsv");
        var picked = await Cli.RunJsonAsync("keyvault", "secret", "show", "--vault-name", "dev", "--name", name, "--query", "{v: value, on: attributes.enabled}");
        var nothing = await Cli.RunAsync("keyvault", "secret", "show", "--vault-name", "dev", "--name", name, "--query", "no_such_field");
        var invalid = await Cli.RunAsync("keyvault", "secret", "set", "--vault-name", "dev", "--name", unset, "--value", "never stored", "--query", "[?");
        var notSet = await Cli.RunAsync("keyvault", "secret", "show", "--vault-name", "dev", "--name", unset);
        var wrongType = await Cli.RunAsync("keyvault", "secret", "show", "--vault-name", "dev", "--name", name, "--query", "starts_with(value, `1`)");

        // Assert
        Assert.Equal((0, "queried value\n"), (value.Exit, value.Out));
        Assert.Equal((0, name + "\n"), (filtered.Exit, filtered.Out));
        Assert.Equal("""{"on":true,"v":"queried value"}""", JsonSerializer.Serialize(picked));
        Assert.Equal((0, string.Empty), (nothing.Exit, nothing.Out));
        Assert.Equal(2, invalid.Exit);
        Assert.Contains("--query '[?' is not a valid JMESPath expression", invalid.Error, StringComparison.Ordinal);
        Assert.Equal(1, notSet.Exit); // the invalid query stopped the command before it ran
        Assert.Contains("SecretNotFound", notSet.Error, StringComparison.Ordinal);
        Assert.Equal(1, wrongType.Exit);
        Assert.Contains("cannot be applied to the result", wrongType.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("queried value", wrongType.Error + wrongType.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForbiddenCaller_Exits1_WithKeyVaultsCodeAndInnerError()
    {
        // Arrange: an identity with no role anywhere.
        var identity = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        await Cli.RunJsonAsync("identity", "create", "--name", identity);
        var env = await Cli.RunAsync("env", "--identity", identity, "--expires-in", "1h");
        var header = env.Out.Split('\n').Single(l => l.StartsWith("export IDENTITY_HEADER=", StringComparison.Ordinal))["export IDENTITY_HEADER=".Length..].Trim('\'');
        var environment = Cli.Environment();
        environment["IDENTITY_HEADER"] = header;

        // Act
        var (exit, stdout, stderr) = await CliRunner.RunAsync(environment, "keyvault", "secret", "list", "--vault-name", "dev");

        // Assert
        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("coffer: (Forbidden) ", stderr, StringComparison.Ordinal);
        Assert.Contains("\nCode: Forbidden\n", stderr, StringComparison.Ordinal);
        Assert.Contains("\"code\": \"ForbiddenByRbac\"", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(header, stderr, StringComparison.Ordinal);
    }

    /// <summary>The administrator service principal through DefaultAzureCredential's variables, then through coffer login.</summary>
    [Fact]
    public async Task AsTheAdministratorServicePrincipal_SetAndShow()
    {
        // Arrange
        var name = "sp-" + Guid.NewGuid().ToString("N")[..8];
        var environment = Cli.Environment(signedInAsDev: false);
        environment["AZURE_TENANT_ID"] = fixture.Server.TenantId.ToString("D");
        environment["AZURE_CLIENT_ID"] = fixture.Server.AdminClientId;
        environment["AZURE_CLIENT_SECRET"] = fixture.Server.AdminClientSecret;
        var loginHome = Directory.CreateTempSubdirectory("coffer-cli-login-").FullName;
        var loggedIn = Cli.Environment(signedInAsDev: false);
        loggedIn["XDG_CONFIG_HOME"] = loginHome;

        // Act
        var set = await CliRunner.RunAsync(environment, "keyvault", "secret", "set", "--vault-name", "dev", "--name", name, "--value", "by the admin");
        var login = await CliRunner.RunAsync(loggedIn, "login", "--service-principal", "-u", fixture.Server.AdminClientId, "-p", fixture.Server.AdminClientSecret);
        var shown = await CliRunner.RunAsync(loggedIn, "keyvault", "secret", "show", "--vault-name", "dev", "--name", name);
        Directory.Delete(loginHome, recursive: true);

        // Assert
        Assert.True(set.Exit == 0, set.Error);
        Assert.True(login.Exit == 0, login.Error);
        Assert.True(shown.Exit == 0, shown.Error);
        using var document = JsonDocument.Parse(shown.Out);
        Assert.Equal("by the admin", document.RootElement.GetProperty("value").GetString());
        Assert.DoesNotContain(fixture.Server.AdminClientSecret, set.Out + set.Error + login.Out + login.Error + shown.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("keyvault", "secret", "show", "--vault-name", "dev", "--name", "a", "--bogus")]
    [InlineData("keyvault", "secret", "set", "--vault-name", "dev", "--name", "a")]
    [InlineData("keyvault", "secret", "set", "--vault-name", "dev", "--name", "a", "--value", "x", "--file", "f")]
    [InlineData("keyvault", "secret", "set", "--vault-name", "dev", "--name", "a", "--value", "x", "--encoding", "utf-7")]
    [InlineData("keyvault", "secret", "set", "--vault-name", "dev", "--name", "a", "--value", "x", "--expires", "soon")]
    [InlineData("keyvault", "secret", "show", "--name", "a")]
    [InlineData("keyvault", "secret", "frobnicate")]
    [InlineData("keyvault", "secret", "backup", "--vault-name", "dev", "--name", "a")]
    public async Task UsageError_Exits2_AndSendsNothing(params string[] args)
    {
        // Act
        var (exit, stdout, stderr) = await Cli.RunAsync(args);

        // Assert
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("coffer: ", stderr, StringComparison.Ordinal);
    }
}
