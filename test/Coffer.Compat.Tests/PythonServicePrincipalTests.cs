using System.Diagnostics;

namespace Coffer.Compat.Tests;

/// <summary>
/// Python's azure-identity (Debian's python3-azure, MSAL Python) signs in as the bootstrap administrator with
/// <c>ClientSecretCredential</c> and reads and writes a secret through <c>SecretClient</c>: through the v2 tenant
/// authority with instance discovery off (it reads the v2 OpenID document first), and through the ADFS authority.
/// </summary>
public sealed class PythonServicePrincipalTests(CompatFixture fixture)
{
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import os, sys
        from azure.identity import ClientSecretCredential
        from azure.keyvault.secrets import SecretClient
        kwargs = {"authority": os.environ["AUTHORITY"]}
        if os.environ["TENANT"] != "adfs":
            kwargs["instance_discovery"] = False
        credential = ClientSecretCredential(os.environ["TENANT"], os.environ["CLIENT_ID"], os.environ["CLIENT_SECRET"], **kwargs)
        client = SecretClient(os.environ["VAULT_URL"], credential)
        client.set_secret(os.environ["NAME"], "from python")
        print("read:" + client.get_secret(os.environ["NAME"]).value)
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

    [Theory]
    [InlineData("v2")]
    [InlineData("adfs")]
    public async Task ClientSecretCredential_AsBootstrapAdmin_SetsAndReadsSecret(string authority)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        Assert.True(File.Exists(Python), "Debian's /usr/bin/python3 is required (the README's test command installs python3-azure).");
        var directory = Directory.CreateTempSubdirectory("coffer-python-sp-");
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, "sp.py"), Script, ct);
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, "sitecustomize.py"), ResolveLocalhost, ct);
        var name = TestNames.Unique("py-sp");
        var start = new ProcessStartInfo(Python, [Path.Combine(directory.FullName, "sp.py")]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["AUTHORITY"] = fixture.Server.Resource;
        start.Environment["TENANT"] = authority == "adfs" ? "adfs" : fixture.Server.TenantId.ToString("D");
        start.Environment["CLIENT_ID"] = fixture.Server.AdminClientId;
        start.Environment["CLIENT_SECRET"] = fixture.Server.AdminClientSecret;
        start.Environment["VAULT_URL"] = fixture.Server.DevVaultUri.ToString().TrimEnd('/');
        start.Environment["NAME"] = name;
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
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        // Assert
        Assert.True(process.ExitCode == 0, $"python exited {process.ExitCode}: {await errors}");
        Assert.Contains("read:from python", await output, StringComparison.Ordinal);
        var stored = await fixture.CreateSecretClient().GetSecretAsync(name, cancellationToken: ct);
        Assert.Equal("from python", stored.Value.Value);
        directory.Delete(recursive: true);
    }
}
