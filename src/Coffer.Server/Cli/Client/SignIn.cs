using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace Coffer.Server.Cli.Client;

/// <summary>
/// How a client command gets its token, in this order: the variables <c>DefaultAzureCredential</c> reads (a service
/// principal's <c>AZURE_TENANT_ID</c>/<c>AZURE_CLIENT_ID</c>/<c>AZURE_CLIENT_SECRET</c>, or a managed identity's
/// <c>IDENTITY_ENDPOINT</c>/<c>IDENTITY_HEADER</c>), then the profile saved by <c>coffer login</c>. The authority is the
/// server itself, with instance discovery off, and the scope is <c>{server}/.default</c>.
/// </summary>
internal static class SignIn
{
    public static string Scope(string server) => server + "/.default";

    /// <summary>Which sign-in applies, for messages: never the secret itself.</summary>
    public static string Describe(ClientSettings settings, ClientEnvironment environment) =>
        HasServicePrincipalVariables(environment) ? "the service principal in AZURE_CLIENT_ID"
        : HasManagedIdentityVariables(environment) ? "the managed identity in IDENTITY_ENDPOINT"
        : settings.ProfileForServer is { } profile ? $"the service principal {profile.ClientId} saved by 'coffer login'"
        : "nothing";

    public static TokenCredential Credential(ClientSettings settings, ClientEnvironment environment, HttpMessageHandler handler)
    {
        var authority = new Uri(settings.Server);
        var transport = new HttpClientTransport(new HttpClient(handler, disposeHandler: false));
        var managedIdentity = HasManagedIdentityVariables(environment);
        if (HasServicePrincipalVariables(environment) || managedIdentity)
        {
            var options = new DefaultAzureCredentialOptions
            {
                AuthorityHost = authority,
                DisableInstanceDiscovery = true,
                Transport = transport,
                // Without the managed-identity variables the chain would probe IMDS (169.254.169.254) and wait for it.
                ExcludeManagedIdentityCredential = !managedIdentity,
                // The developer-tool credentials sign in to Azure, not to Coffer.
                ExcludeVisualStudioCredential = true,
                ExcludeVisualStudioCodeCredential = true,
                ExcludeAzureCliCredential = true,
                ExcludeAzurePowerShellCredential = true,
                ExcludeAzureDeveloperCliCredential = true,
                ExcludeInteractiveBrowserCredential = true,
            };
            options.Retry.MaxRetries = 2;
            return new DefaultAzureCredential(options);
        }

        if (settings.ProfileForServer is { } profile)
        {
            return ForServicePrincipal(authority, profile.Tenant, profile.ClientId, profile.ClientSecret, transport);
        }

        throw new CommandFailedException(settings.Profile is { } other
            ? $"The saved login is for {other.Server}, not {settings.Server}. Run 'coffer login --service-principal -u APP_ID -p SECRET --server {settings.Server}'."
            : "Not signed in. Run 'coffer login --service-principal -u APP_ID -p SECRET', or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, or run inside 'coffer exec'.");
    }

    public static TokenCredential ForServicePrincipal(Uri authority, string tenant, string clientId, string secret, HttpPipelineTransport transport)
    {
        var options = new ClientSecretCredentialOptions { AuthorityHost = authority, DisableInstanceDiscovery = true, Transport = transport };
        options.Retry.MaxRetries = 2;
        return new ClientSecretCredential(tenant, clientId, secret, options);
    }

    private static bool HasServicePrincipalVariables(ClientEnvironment environment) =>
        environment["AZURE_CLIENT_ID"] is not null && environment["AZURE_TENANT_ID"] is not null &&
        (environment["AZURE_CLIENT_SECRET"] is not null || environment["AZURE_CLIENT_CERTIFICATE_PATH"] is not null);

    private static bool HasManagedIdentityVariables(ClientEnvironment environment) =>
        environment["IDENTITY_ENDPOINT"] is not null || environment["MSI_ENDPOINT"] is not null || environment["AZURE_POD_IDENTITY_AUTHORITY_HOST"] is not null;
}
