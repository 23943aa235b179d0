using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Coffer.Testing;

[assembly: AssemblyFixture(typeof(Coffer.Compat.Tests.CompatFixture))]

namespace Coffer.Compat.Tests;

/// <summary>
/// One Coffer for the whole assembly, reached by the unmodified Azure SDK. DefaultAzureCredential finds managed
/// identity 'dev' through the App Service variables, exactly as in a user's shell after <c>coffer serve --dev</c>.
/// </summary>
public sealed class CompatFixture : IAsyncLifetime
{
    public CofferServer Server { get; private set; } = null!;

    public DefaultAzureCredential Credential { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await CofferServer.StartAsync();
        // Process-wide, as in a real deployment: the credential reads them when it is built.
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", Server.IdentityEndpoint.ToString());
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", Server.IdentityHeader);
        foreach (var name in new[] { "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_TENANT_ID", "AZURE_USERNAME", "MSI_ENDPOINT", "MSI_SECRET" })
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        Credential = new DefaultAzureCredential();
    }

    /// <summary>A client for vault 'dev' whose transport resolves *.localhost and trusts Coffer's CA; nothing else differs from production use.</summary>
    public SecretClient CreateSecretClient(SecretClientOptions.ServiceVersion? version = null)
    {
        var options = version is { } v ? new SecretClientOptions(v) : new SecretClientOptions();
        options.Transport = new HttpClientTransport(Server.CreateHandler());
        options.Retry.MaxRetries = 0;
        return new SecretClient(Server.DevVaultUri, Credential, options);
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
