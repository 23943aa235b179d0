using System.Security.Cryptography;
using System.Text.Json;

namespace Coffer.Server.Tests.Cli;

/// <summary>
/// <c>coffer keyvault key …</c>: the real executable against a real server (vault 'dev'), signed in as managed
/// identity 'dev', asserting exit codes, az's output keys, and that imported and downloaded keys match local ones.
/// </summary>
public sealed class KeyVaultKeyCommandsTests(ClientCommandsTests.Fixture fixture) : IClassFixture<ClientCommandsTests.Fixture>
{
    private static readonly string[] BundleKeys = ["attributes", "key", "managed", "name", "releasePolicy", "tags"];
    private static readonly string[] ItemKeys = ["attributes", "kid", "managed", "name", "tags"];
    private static readonly string[] AttributeKeys = ["created", "enabled", "expires", "exportable", "hsmPlatform", "notBefore", "recoverableDays", "recoveryLevel", "updated"];
    private static readonly string[] JwkKeys = ["crv", "d", "dp", "dq", "e", "k", "keyOps", "kid", "kty", "n", "p", "q", "qi", "t", "x", "y"];
    private static readonly string[] DeletedKeys = ["attributes", "deletedDate", "key", "managed", "name", "recoveryId", "releasePolicy", "scheduledPurgeDate", "tags"];

    private CliRunner Cli => fixture.Cli;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Create_Show_List_Rotate_PrintAzsShapes()
    {
        // Arrange
        var name = NewName("k");
        var ec = NewName("e");

        // Act
        var rsa = await Cli.RunJsonAsync("keyvault", "key", "create", "--vault-name", "dev", "--name", name, "--ops", "sign", "verify", "--tags", "env=test");
        var curve = await Cli.RunJsonAsync("keyvault", "key", "create", "--vault-name", "dev", "-n", ec, "--curve", "P-384", "--protection", "hsm");
        var byId = await Cli.RunJsonAsync("keyvault", "key", "show", "--id", rsa.GetProperty("key").GetProperty("kid").GetString()!);
        var rotated = await Cli.RunJsonAsync("keyvault", "key", "rotate", "--vault-name", "dev", "--name", name);
        var latest = await Cli.RunJsonAsync("keyvault", "key", "show", "--vault-name", "dev", "--name", name);
        var listed = await Cli.RunJsonAsync("keyvault", "key", "list", "--vault-name", "dev");
        var versions = await Cli.RunJsonAsync("keyvault", "key", "list-versions", "--vault-name", "dev", "--name", name);
        var one = await Cli.RunJsonAsync("keyvault", "key", "list", "--vault-name", "dev", "--maxresults", "1");

        // Assert
        Assert.Equal(BundleKeys, rsa.EnumerateObject().Select(p => p.Name));
        Assert.Equal(AttributeKeys, rsa.GetProperty("attributes").EnumerateObject().Select(p => p.Name));
        Assert.Equal(JwkKeys, rsa.GetProperty("key").EnumerateObject().Select(p => p.Name));
        var jwk = rsa.GetProperty("key");
        Assert.Equal("RSA", jwk.GetProperty("kty").GetString());
        Assert.Equal(["sign", "verify"], jwk.GetProperty("keyOps").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(256, Convert.FromBase64String(jwk.GetProperty("n").GetString()!).Length); // standard base64, as az prints bytes
        Assert.Equal("AQAB", jwk.GetProperty("e").GetString());
        Assert.All(new[] { "d", "dp", "dq", "p", "q", "qi", "k" }, f => Assert.Equal(JsonValueKind.Null, jwk.GetProperty(f).ValueKind));
        Assert.StartsWith($"https://dev.localhost:{fixture.Server.Port}/keys/{name}/", jwk.GetProperty("kid").GetString(), StringComparison.Ordinal);
        Assert.Equal(name, rsa.GetProperty("name").GetString());
        Assert.Equal("test", rsa.GetProperty("tags").GetProperty("env").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$", rsa.GetProperty("attributes").GetProperty("created").GetString());
        Assert.Equal("EC-HSM", curve.GetProperty("key").GetProperty("kty").GetString());
        Assert.Equal("P-384", curve.GetProperty("key").GetProperty("crv").GetString());
        Assert.Equal(jwk.GetProperty("n").GetString(), byId.GetProperty("key").GetProperty("n").GetString());
        Assert.NotEqual(jwk.GetProperty("kid").GetString(), rotated.GetProperty("key").GetProperty("kid").GetString());
        Assert.Equal(rotated.GetProperty("key").GetProperty("kid").GetString(), latest.GetProperty("key").GetProperty("kid").GetString());
        var item = Assert.Single(listed.EnumerateArray(), i => i.GetProperty("name").GetString() == name);
        Assert.Equal(ItemKeys, item.EnumerateObject().Select(p => p.Name));
        Assert.Equal($"https://dev.localhost:{fixture.Server.Port}/keys/{name}", item.GetProperty("kid").GetString());
        Assert.Contains(listed.EnumerateArray(), i => i.GetProperty("name").GetString() == ec);
        Assert.Equal(2, versions.GetArrayLength());
        Assert.Equal(1, one.GetArrayLength());
    }

    [Fact]
    public async Task Import_PemFiles_StoresThatKey_AndDownloadWritesItsPublicKey()
    {
        // Arrange
        var directory = Directory.CreateTempSubdirectory("coffer-key-cli-");
        using var rsa = RSA.Create(2048);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rsaPem = Path.Combine(directory.FullName, "rsa.pem");
        var encryptedPem = Path.Combine(directory.FullName, "rsa-encrypted.pem");
        await File.WriteAllTextAsync(rsaPem, rsa.ExportRSAPrivateKeyPem(), Ct);
        await File.WriteAllTextAsync(encryptedPem, rsa.ExportEncryptedPkcs8PrivateKeyPem("pem-pass", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000)), Ct);
        var (rsaName, ecName, encryptedName) = (NewName("imp"), NewName("imp-ec"), NewName("imp-enc"));

        // Act
        var imported = await Cli.RunJsonAsync("keyvault", "key", "import", "--vault-name", "dev", "--name", rsaName, "--pem-file", rsaPem, "--ops", "sign", "verify");
        var importedEc = await Cli.RunJsonAsync("keyvault", "key", "import", "--vault-name", "dev", "--name", ecName, "--pem-string", ec.ExportECPrivateKeyPem(), "-p", "hsm");
        var importedEncrypted = await Cli.RunJsonAsync("keyvault", "key", "import", "--vault-name", "dev", "--name", encryptedName, "--pem-file", encryptedPem, "--pem-password", "pem-pass");
        var wrongPassword = await Cli.RunAsync("keyvault", "key", "import", "--vault-name", "dev", "--name", NewName("bad"), "--pem-file", encryptedPem, "--pem-password", "not-it");
        var pemFile = Path.Combine(directory.FullName, "public.pem");
        var derFile = Path.Combine(directory.FullName, "public.der");
        var pem = await Cli.RunAsync("keyvault", "key", "download", "--vault-name", "dev", "--name", rsaName, "--file", pemFile);
        var der = await Cli.RunAsync("keyvault", "key", "download", "--vault-name", "dev", "--name", ecName, "--file", derFile, "--encoding", "DER");
        var overwrite = await Cli.RunAsync("keyvault", "key", "download", "--vault-name", "dev", "--name", rsaName, "--file", pemFile);

        // Assert
        var modulus = rsa.ExportParameters(false).Modulus!;
        Assert.Equal(modulus, Convert.FromBase64String(imported.GetProperty("key").GetProperty("n").GetString()!));
        Assert.Equal(["sign", "verify"], imported.GetProperty("key").GetProperty("keyOps").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(JsonValueKind.Null, imported.GetProperty("key").GetProperty("d").ValueKind);
        Assert.Equal("EC-HSM", importedEc.GetProperty("key").GetProperty("kty").GetString());
        Assert.Equal(ec.ExportParameters(false).Q.X, Convert.FromBase64String(importedEc.GetProperty("key").GetProperty("x").GetString()!));
        Assert.Equal(modulus, Convert.FromBase64String(importedEncrypted.GetProperty("key").GetProperty("n").GetString()!));
        Assert.Equal(1, wrongPassword.Exit);
        Assert.Contains("password", wrongPassword.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", wrongPassword.Error + wrongPassword.Out, StringComparison.Ordinal);
        Assert.Equal(0, pem.Exit);
        Assert.Equal(rsa.ExportSubjectPublicKeyInfoPem() + "\n", await File.ReadAllTextAsync(pemFile, Ct));
        Assert.Equal(0, der.Exit);
        Assert.Equal(ec.ExportSubjectPublicKeyInfo(), await File.ReadAllBytesAsync(derFile, Ct));
        Assert.Equal(1, overwrite.Exit);
        Assert.Contains("already exists", overwrite.Error, StringComparison.Ordinal);
        directory.Delete(recursive: true);
    }

    [Fact]
    public async Task SetAttributes_ChangesOnlyWhatIsGiven()
    {
        // Arrange
        var name = NewName("attr");
        await Cli.RunJsonAsync("keyvault", "key", "create", "--vault-name", "dev", "--name", name, "--tags", "keep=me", "--ops", "sign", "verify");

        // Act
        var disabled = await Cli.RunJsonAsync("keyvault", "key", "set-attributes", "--vault-name", "dev", "--name", name, "--enabled", "false", "--expires", "2031-01-31T00:00:00Z");
        var retagged = await Cli.RunJsonAsync("keyvault", "key", "set-attributes", "--vault-name", "dev", "--name", name, "--tags", "env=prod", "--ops", "verify");

        // Assert
        Assert.False(disabled.GetProperty("attributes").GetProperty("enabled").GetBoolean());
        Assert.Equal("2031-01-31T00:00:00+00:00", disabled.GetProperty("attributes").GetProperty("expires").GetString());
        Assert.Equal("me", disabled.GetProperty("tags").GetProperty("keep").GetString());
        Assert.Equal(["sign", "verify"], disabled.GetProperty("key").GetProperty("keyOps").EnumerateArray().Select(o => o.GetString()));
        Assert.False(retagged.GetProperty("attributes").GetProperty("enabled").GetBoolean());
        Assert.Equal("""{"env":"prod"}""", retagged.GetProperty("tags").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
        Assert.Equal(["verify"], retagged.GetProperty("key").GetProperty("keyOps").EnumerateArray().Select(o => o.GetString()));
    }

    [Fact]
    public async Task Delete_ShowDeleted_Recover_Backup_Purge_Restore()
    {
        // Arrange
        var name = NewName("life");
        var file = Path.Combine(Path.GetTempPath(), name + ".keybackup");
        var created = await Cli.RunJsonAsync("keyvault", "key", "create", "--vault-name", "dev", "--name", name);

        // Act
        var backup = await Cli.RunAsync("keyvault", "key", "backup", "--vault-name", "dev", "--name", name, "--file", file);
        var deleted = await Cli.RunJsonAsync("keyvault", "key", "delete", "--vault-name", "dev", "--name", name);
        var gone = await Cli.RunAsync("keyvault", "key", "show", "--vault-name", "dev", "--name", name);
        var shownDeleted = await Cli.RunJsonAsync("keyvault", "key", "show-deleted", "--vault-name", "dev", "--name", name);
        var listedDeleted = await Cli.RunJsonAsync("keyvault", "key", "list-deleted", "--vault-name", "dev");
        var recovered = await Cli.RunJsonAsync("keyvault", "key", "recover", "--vault-name", "dev", "--name", name);
        await Cli.RunJsonAsync("keyvault", "key", "delete", "--vault-name", "dev", "--name", name);
        var purged = await Cli.RunAsync("keyvault", "key", "purge", "--vault-name", "dev", "--name", name);
        var afterPurge = await Cli.RunAsync("keyvault", "key", "show-deleted", "--vault-name", "dev", "--name", name);
        var restored = await Cli.RunJsonAsync("keyvault", "key", "restore", "--vault-name", "dev", "--file", file);
        File.Delete(file);

        // Assert
        Assert.Equal(0, backup.Exit);
        Assert.Equal(DeletedKeys, deleted.EnumerateObject().Select(p => p.Name));
        Assert.Equal($"https://dev.localhost:{fixture.Server.Port}/deletedkeys/{name}", deleted.GetProperty("recoveryId").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$", deleted.GetProperty("scheduledPurgeDate").GetString());
        Assert.Equal(1, gone.Exit);
        Assert.Contains("(KeyNotFound)", gone.Error, StringComparison.Ordinal);
        Assert.Equal(name, shownDeleted.GetProperty("name").GetString());
        var item = Assert.Single(listedDeleted.EnumerateArray(), i => i.GetProperty("name").GetString() == name);
        Assert.Equal(["attributes", "deletedDate", "kid", "managed", "name", "recoveryId", "scheduledPurgeDate", "tags"], item.EnumerateObject().Select(p => p.Name));
        Assert.Equal(created.GetProperty("key").GetProperty("kid").GetString(), recovered.GetProperty("key").GetProperty("kid").GetString());
        Assert.Equal(0, purged.Exit);
        Assert.Equal(string.Empty, purged.Out.Trim());
        Assert.Equal(1, afterPurge.Exit);
        Assert.Equal(created.GetProperty("key").GetProperty("n").GetString(), restored.GetProperty("key").GetProperty("n").GetString());
    }

    [Fact]
    public async Task Sign_Verify_AsAz_AndTheSignatureChecksWithTheDownloadedPublicKey()
    {
        // Arrange
        var name = NewName("sig");
        var kid = (await Cli.RunJsonAsync("keyvault", "key", "create", "--vault-name", "dev", "--name", name)).GetProperty("key").GetProperty("kid").GetString()!;
        var digest = Convert.ToBase64String(SHA256.HashData("signed by the vault"u8));
        var otherDigest = Convert.ToBase64String(SHA256.HashData("something else"u8));
        var pemFile = Path.Combine(Path.GetTempPath(), name + ".pem");

        // Act
        var signed = await Cli.RunJsonAsync("keyvault", "key", "sign", "--vault-name", "dev", "--name", name, "--algorithm", "RS256", "--digest", digest);
        var signature = signed.GetProperty("signature").GetString()!;
        var pss = await Cli.RunAsync("keyvault", "key", "sign", "--id", kid, "-a", "PS256", "--digest", digest, "--query", "signature", "-o", "tsv");
        var valid = await Cli.RunJsonAsync("keyvault", "key", "verify", "--vault-name", "dev", "--name", name, "--algorithm", "RS256", "--digest", digest, "--signature", signature);
        var invalid = await Cli.RunJsonAsync("keyvault", "key", "verify", "--id", kid, "--algorithm", "RS256", "--digest", otherDigest, "--signature", signature);
        var notBase64 = await Cli.RunAsync("keyvault", "key", "sign", "--vault-name", "dev", "--name", name, "--algorithm", "RS256", "--digest", "not base64!");
        var noAlgorithm = await Cli.RunAsync("keyvault", "key", "verify", "--vault-name", "dev", "--name", name, "--digest", digest, "--signature", signature);
        await Cli.RunAsync("keyvault", "key", "download", "--vault-name", "dev", "--name", name, "--file", pemFile);
        using var publicKey = RSA.Create();
        publicKey.ImportFromPem(await File.ReadAllTextAsync(pemFile, Ct));
        File.Delete(pemFile);

        // Assert: az's shapes, standard base64 (as az prints it), and signatures a local key accepts.
        Assert.Equal(["algorithm", "keyId", "signature"], signed.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("RS256", kid), (signed.GetProperty("algorithm").GetString(), signed.GetProperty("keyId").GetString()));
        Assert.Matches("^[A-Za-z0-9+/]{342}==$", signature);
        Assert.True(publicKey.VerifyHash(Convert.FromBase64String(digest), Convert.FromBase64String(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal(0, pss.Exit);
        Assert.True(publicKey.VerifyHash(Convert.FromBase64String(digest), Convert.FromBase64String(pss.Out.Trim()), HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
        Assert.Equal($$"""{"algorithm":"RS256","isValid":true,"keyId":"{{kid}}"}""", JsonSerializer.Serialize(valid));
        Assert.Equal($$"""{"algorithm":"RS256","isValid":false,"keyId":"{{kid}}"}""", JsonSerializer.Serialize(invalid));
        Assert.Equal(2, notBase64.Exit);
        Assert.Contains("--digest must be base64", notBase64.Error, StringComparison.Ordinal);
        Assert.Equal(2, noAlgorithm.Exit);
        Assert.Contains("--algorithm", noAlgorithm.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsageErrors_Exit2_BeforeAnythingIsSent()
    {
        // Act
        var noName = await Cli.RunAsync("keyvault", "key", "show", "--vault-name", "dev");
        var badType = await Cli.RunAsync("keyvault", "key", "create", "--vault-name", "dev", "--name", "x", "--kty", "DSA");
        var bothSources = await Cli.RunAsync("keyvault", "key", "import", "--vault-name", "dev", "--name", "x", "--pem-file", "a.pem", "--pem-string", "b");
        var secretId = await Cli.RunAsync("keyvault", "key", "show", "--id", $"https://dev.localhost:{fixture.Server.Port}/secrets/s");
        var unknown = await Cli.RunAsync("keyvault", "key", "encrypt", "--vault-name", "dev", "--name", "x");

        // Assert
        Assert.All(new[] { noName, badType, bothSources, secretId, unknown }, r => Assert.Equal(2, r.Exit));
        Assert.Contains("--name", noName.Error, StringComparison.Ordinal);
        Assert.Contains("--kty must be one of", badType.Error, StringComparison.Ordinal);
        Assert.Contains("--pem-file PATH | --pem-string PEM", bothSources.Error, StringComparison.Ordinal);
        Assert.Contains("key id", secretId.Error, StringComparison.Ordinal);
        Assert.Contains("Unknown command", unknown.Error, StringComparison.Ordinal);
    }
}
