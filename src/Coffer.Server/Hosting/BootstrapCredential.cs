namespace Coffer.Server.Hosting;

/// <summary>
/// The bootstrap administrator's sign-in, shown once at the first start: the four variables that make
/// <c>EnvironmentCredential</c> (and so <c>DefaultAzureCredential</c>) sign in as <c>coffer-admin</c>.
/// A class, not a record, so that nothing prints <see cref="ClientSecret"/> by accident.
/// </summary>
public sealed class BootstrapCredential
{
    public BootstrapCredential(string authorityHost, Guid tenantId, Guid clientId, string clientSecret)
    {
        AuthorityHost = authorityHost;
        TenantId = tenantId;
        ClientId = clientId;
        ClientSecret = clientSecret;
    }

    /// <summary>The bare host, <c>https://{suffix}[:{port}]</c> (<c>AZURE_AUTHORITY_HOST</c>).</summary>
    public string AuthorityHost { get; }

    public Guid TenantId { get; }

    public Guid ClientId { get; }

    /// <summary>The secret; Coffer keeps only its hash. Never log it.</summary>
    public string ClientSecret { get; }

    /// <summary>The lines a user pastes into a shell, with the sentence that says they are shown once.</summary>
    public string Lines() =>
        "# Coffer administrator: service principal 'coffer-admin' (Owner and Key Vault Administrator on everything).\n" +
        "# This secret is shown once, now: Coffer keeps only its hash. Store it safely; add another with addPassword if it is lost.\n" +
        $"export AZURE_AUTHORITY_HOST={AuthorityHost}\n" +
        $"export AZURE_TENANT_ID={TenantId:D}\n" +
        $"export AZURE_CLIENT_ID={ClientId:D}\n" +
        $"export AZURE_CLIENT_SECRET={ClientSecret}\n" +
        "# Python and JavaScript look the tenant up at login.microsoftonline.com unless instance discovery is turned off\n" +
        "# (instance_discovery=False / disableInstanceDiscovery: true); .NET works as is.\n";

    /// <summary>What <c>coffer serve</c> does with it: standard output, never the logger.</summary>
    public static void WriteToConsole(BootstrapCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        Console.Out.Write(credential.Lines());
        Console.Out.Flush();
    }
}
