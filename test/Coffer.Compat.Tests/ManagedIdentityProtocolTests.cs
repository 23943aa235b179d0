namespace Coffer.Compat.Tests;

/// <summary>
/// The unmodified clients reach Coffer through every managed-identity protocol and read a secret with the token:
/// .NET's ManagedIdentityCredential and DefaultAzureCredential (App Service with a chosen identity; IMDS, including
/// DefaultAzureCredential's header-less probe) and Debian's Python azure-identity (Cloud Shell; Azure ML).
/// Each client runs in its own process, configured only by its environment.
/// </summary>
public sealed class ManagedIdentityProtocolTests(ManagedIdentityFixture fixture) : IClassFixture<ManagedIdentityFixture>
{
    private const string Python = "/usr/bin/python3";

    private const string PythonClient = """
        import os, sys
        from azure.identity import DefaultAzureCredential
        from azure.keyvault.secrets import SecretClient
        client = SecretClient(vault_url=os.environ["VAULT_URL"], credential=DefaultAzureCredential())
        print(client.get_secret(sys.argv[1]).value)
        """;

    [Fact]
    public async Task DotNet_ManagedIdentityCredentialWithClientId_AppService_ReadsSecret()
    {
        // Arrange
        var environment = fixture.BaseEnvironment();
        environment["IDENTITY_ENDPOINT"] = fixture.AppCredential.Endpoint;
        environment["IDENTITY_HEADER"] = fixture.AppCredential.Header;

        // Act
        var (exitCode, output, errors) = await RunDotNetAsync("managed:" + fixture.AppClientId, environment);

        // Assert
        Assert.True(exitCode == 0, errors);
        Assert.Equal(fixture.SecretValue, output.Trim());
    }

    [Fact]
    public async Task DotNet_DefaultAzureCredentialWithAzureClientId_AppService_ReadsSecret()
    {
        // Arrange
        var environment = fixture.BaseEnvironment();
        environment["IDENTITY_ENDPOINT"] = fixture.AppCredential.Endpoint;
        environment["IDENTITY_HEADER"] = fixture.AppCredential.Header;
        environment["AZURE_CLIENT_ID"] = fixture.AppClientId;

        // Act
        var (exitCode, output, errors) = await RunDotNetAsync("default", environment);

        // Assert
        Assert.True(exitCode == 0, errors);
        Assert.Equal(fixture.SecretValue, output.Trim());
    }

    [Fact]
    public async Task DotNet_DefaultAzureCredentialWithClientIdOfAnotherIdentity_AppService_Fails()
    {
        // Arrange: the credential belongs to the app identity, the client id names the host identity.
        var environment = fixture.BaseEnvironment();
        environment["IDENTITY_ENDPOINT"] = fixture.AppCredential.Endpoint;
        environment["IDENTITY_HEADER"] = fixture.AppCredential.Header;
        environment["AZURE_CLIENT_ID"] = fixture.HostClientId;
        environment["AZURE_TOKEN_CREDENTIALS"] = "ManagedIdentityCredential";

        // Act
        var (exitCode, output, _) = await RunDotNetAsync("default", environment);

        // Assert
        Assert.NotEqual(0, exitCode);
        Assert.DoesNotContain(fixture.SecretValue, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DotNet_DefaultAzureCredential_ImdsWithProbe_ReadsSecret()
    {
        // Arrange: DefaultAzureCredential probes IMDS without the Metadata header and takes the probe's token.
        var environment = fixture.BaseEnvironment();
        environment["AZURE_POD_IDENTITY_AUTHORITY_HOST"] = $"http://127.0.0.1:{fixture.Server.IdentityPort}";

        // Act
        var (exitCode, output, errors) = await RunDotNetAsync("default", environment);

        // Assert
        Assert.True(exitCode == 0, errors);
        Assert.Equal(fixture.SecretValue, output.Trim());
    }

    [Fact]
    public async Task DotNet_ManagedIdentityCredentialWithClientId_Imds_ReadsSecret()
    {
        // Arrange
        var environment = fixture.BaseEnvironment();
        environment["AZURE_POD_IDENTITY_AUTHORITY_HOST"] = $"http://127.0.0.1:{fixture.Server.IdentityPort}";

        // Act
        var (exitCode, output, errors) = await RunDotNetAsync("managed:" + fixture.HostClientId, environment);

        // Assert
        Assert.True(exitCode == 0, errors);
        Assert.Equal(fixture.SecretValue, output.Trim());
    }

    [Fact]
    public async Task DotNet_ManagedIdentityCredentialWithUnassignedClientId_Imds_Fails()
    {
        // Arrange: the app identity has a credential but is not assigned to the host, so IMDS does not serve it.
        var environment = fixture.BaseEnvironment();
        environment["AZURE_POD_IDENTITY_AUTHORITY_HOST"] = $"http://127.0.0.1:{fixture.Server.IdentityPort}";

        // Act
        var (exitCode, output, _) = await RunDotNetAsync("managed:" + fixture.AppClientId, environment);

        // Assert
        Assert.NotEqual(0, exitCode);
        Assert.DoesNotContain(fixture.SecretValue, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Python_DefaultAzureCredential_CloudShell_ReadsSecret()
    {
        // Arrange
        var environment = fixture.BaseEnvironment();
        environment["MSI_ENDPOINT"] = $"http://127.0.0.1:{fixture.Server.IdentityPort}/msi/cloudshell";

        // Act
        var (exitCode, output, errors) = await RunPythonAsync(environment);

        // Assert
        Assert.True(exitCode == 0, errors);
        Assert.Equal(fixture.SecretValue, output.Trim());
    }

    [Fact]
    public async Task Python_DefaultAzureCredential_AzureMl_ReadsSecret()
    {
        // Arrange
        var environment = fixture.BaseEnvironment();
        environment["MSI_ENDPOINT"] = fixture.AppCredential.Endpoint;
        environment["MSI_SECRET"] = fixture.AppCredential.Header;
        environment["AZURE_CLIENT_ID"] = fixture.AppClientId;

        // Act
        var (exitCode, output, errors) = await RunPythonAsync(environment);

        // Assert
        Assert.True(exitCode == 0, errors);
        Assert.Equal(fixture.SecretValue, output.Trim());
    }

    private Task<(int ExitCode, string Output, string Errors)> RunDotNetAsync(string credential, Dictionary<string, string> environment) =>
        ChildProcess.RunAsync("dotnet", [ChildProcess.DotNetClient(), fixture.Server.DevVaultUri.ToString().TrimEnd('/'), ManagedIdentityFixture.SecretName, credential], environment);

    private async Task<(int ExitCode, string Output, string Errors)> RunPythonAsync(Dictionary<string, string> environment)
    {
        Assert.True(File.Exists(Python), "Debian's /usr/bin/python3 is required (the README's test command installs python3-azure).");
        var directory = Directory.CreateTempSubdirectory("coffer-mi-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "client.py"), PythonClient, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "sitecustomize.py"), ReadmeExampleTests.ResolveLocalhost, TestContext.Current.CancellationToken);
            environment["PYTHONPATH"] = directory.FullName;
            environment["VAULT_URL"] = fixture.Server.DevVaultUri.ToString().TrimEnd('/');
            return await ChildProcess.RunAsync(Python, [Path.Combine(directory.FullName, "client.py"), ManagedIdentityFixture.SecretName], environment);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
