using System.Diagnostics;

namespace Coffer.Compat.Tests;

/// <summary>
/// Python's <c>azure-keyvault-keys</c> (Debian's python3-azure) against Coffer: <c>KeyClient</c> creates RSA and EC keys,
/// reads and rotates them, and <c>CryptographyClient</c> signs, verifies, wraps, unwraps, encrypts and decrypts.
/// </summary>
public sealed class PythonKeyTests(CompatFixture fixture)
{
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import hashlib, os
        from azure.identity import ClientSecretCredential
        from azure.keyvault.keys import KeyClient, KeyType
        from azure.keyvault.keys.crypto import CryptographyClient, SignatureAlgorithm, KeyWrapAlgorithm, EncryptionAlgorithm
        credential = ClientSecretCredential(os.environ["TENANT"], os.environ["CLIENT_ID"], os.environ["CLIENT_SECRET"],
                                            authority=os.environ["AUTHORITY"], instance_discovery=False)
        client = KeyClient(os.environ["VAULT_URL"], credential)
        name = os.environ["NAME"]
        digest = hashlib.sha256(b"activation payload").digest()

        rsa = client.create_rsa_key(name + "-rsa", size=2048, hardware_protected=True)
        print("rsa:" + rsa.key_type + ":" + str(len(rsa.key.n)))
        crypto = CryptographyClient(rsa, credential)
        signed = crypto.sign(SignatureAlgorithm.rs256, digest)
        print("rsa-verify:" + str(crypto.verify(SignatureAlgorithm.rs256, digest, signed.signature).is_valid))
        remote = CryptographyClient(rsa.id, credential)
        wrapped = remote.wrap_key(KeyWrapAlgorithm.rsa_oaep_256, b"0123456789abcdef0123456789abcdef")
        print("unwrap:" + remote.unwrap_key(KeyWrapAlgorithm.rsa_oaep_256, wrapped.encrypted_key).key.decode())
        sealed = remote.encrypt(EncryptionAlgorithm.rsa_oaep, b"device secret")
        print("decrypt:" + remote.decrypt(EncryptionAlgorithm.rsa_oaep, sealed.ciphertext).plaintext.decode())

        ec = client.create_ec_key(name + "-ec", curve="P-256")
        ec_crypto = CryptographyClient(ec.id, credential)
        ec_signed = ec_crypto.sign(SignatureAlgorithm.es256, digest)
        print("ec-verify:" + str(ec_crypto.verify(SignatureAlgorithm.es256, digest, ec_signed.signature).is_valid))
        print("ec-tampered:" + str(ec_crypto.verify(SignatureAlgorithm.es256, hashlib.sha256(b"other").digest(), ec_signed.signature).is_valid))

        rotated = client.rotate_key(name + "-ec")
        print("rotated:" + str(rotated.properties.version != ec.properties.version))
        print("policy:" + str(client.get_key_rotation_policy(name + "-ec").lifetime_actions[0].action))
        """;

    private const string ResolveLocalhost = """
        import socket
        _getaddrinfo = socket.getaddrinfo
        def _resolve(host, *args, **kwargs):
            if isinstance(host, str) and host.endswith(".localhost"):
                host = "127.0.0.1"
            return _getaddrinfo(host, *args, **kwargs)
        socket.getaddrinfo = _resolve
        """;

    [Fact]
    public async Task KeyClientAndCryptographyClient_CreateSignVerifyWrapEncryptRotate()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        Assert.True(File.Exists(Python), "Debian's /usr/bin/python3 is required (the README's test command installs python3-azure).");
        var directory = Directory.CreateTempSubdirectory("coffer-python-keys-");
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, "keys.py"), Script, ct);
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, "sitecustomize.py"), ResolveLocalhost, ct);
        var start = new ProcessStartInfo(Python, [Path.Combine(directory.FullName, "keys.py")]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["AUTHORITY"] = fixture.Server.Resource;
        start.Environment["TENANT"] = fixture.Server.TenantId.ToString("D");
        start.Environment["CLIENT_ID"] = fixture.Server.AdminClientId;
        start.Environment["CLIENT_SECRET"] = fixture.Server.AdminClientSecret;
        start.Environment["VAULT_URL"] = fixture.Server.DevVaultUri.ToString().TrimEnd('/');
        start.Environment["NAME"] = TestNames.Unique("py-key");
        start.Environment["REQUESTS_CA_BUNDLE"] = Path.Combine(fixture.Server.DataDirectory, "ca-bundle.crt");
        start.Environment["PYTHONPATH"] = directory.FullName;
        foreach (var variable in new[] { "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_TENANT_ID", "AZURE_AUTHORITY_HOST" })
        {
            start.Environment.Remove(variable);
        }

        // Act
        using var process = Process.Start(start)!; // Start returns null only for shell-executed documents
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);

        // Assert
        Assert.True(process.ExitCode == 0, $"python exited {process.ExitCode}: {await errors}");
        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            ["rsa:RSA-HSM:256", "rsa-verify:True", "unwrap:0123456789abcdef0123456789abcdef", "decrypt:device secret", "ec-verify:True", "ec-tampered:False", "rotated:True", "policy:Notify"],
            lines);
        directory.Delete(recursive: true);
    }
}
