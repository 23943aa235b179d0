using System.Text;
using Coffer.Core.Authorization;
using Coffer.Core.Identity;
using Coffer.Core.Vaults;

namespace Coffer.Server.Hosting;

/// <summary>
/// <c>serve --dev</c>: a vault <c>dev</c> and a managed identity <c>dev</c> that may do everything, and the exact
/// environment lines that point the Azure SDKs at them. The identity's credential is stored only as a hash in the
/// database; the credential itself is kept in <c>{data}/dev.env</c> (readable by the owner only) with the lines,
/// which are rewritten at each start for the current ports.
/// </summary>
internal static class DevEnvironment
{
    public const string VaultName = "dev";
    public const string IdentityName = "dev";

    /// <summary>
    /// The resource group a new identity 'dev' goes in: the one vault 'dev' is in. Deployments made before keep it in
    /// group 'dev'; it is found by name, wherever it is.
    /// </summary>
    public const string ResourceGroup = Vault.DefaultResourceGroup;
    public const string FileName = "dev.env";
    private const string CredentialPrefix = "export IDENTITY_HEADER=";

    public static async Task<string> EnsureAsync(IServiceProvider services, ServeOptions options, CaTrust? trust, CancellationToken cancellationToken)
    {
        var vaults = services.GetRequiredService<VaultDirectory>();
        var identities = services.GetRequiredService<IdentityService>();
        var access = services.GetRequiredService<AccessEvaluator>();
        await vaults.EnsureAsync(VaultName, cancellationToken);

        var path = Path.Combine(options.DataDirectory, FileName);
        string credential;
        if (await identities.FindAsync(IdentityName, cancellationToken) is not null)
        {
            // The database keeps only the credential's hash; dev.env is where the credential itself lives.
            credential = (File.Exists(path) ? ReadCredential(await File.ReadAllLinesAsync(path, cancellationToken)) : null)
                ?? throw new InvalidOperationException(
                    $"The managed identity '{IdentityName}' exists but its credential is not in {path} any more, and the database keeps only its hash. Start with a new --data directory.");
        }
        else
        {
            var (identity, _) = await identities.CreateOrUpdateAsync(ResourceGroup, IdentityName, null, null, cancellationToken);
            var (_, created) = await identities.AddCredentialAsync(identity, null, cancellationToken);
            // Everything: all data (Key Vault Administrator) and all management (Owner).
            await access.AssignAsync(identity.PrincipalId, BuiltInRoles.Administrator, "/", cancellationToken);
            await access.AssignAsync(identity.PrincipalId, BuiltInRoles.Owner, "/", cancellationToken);
            credential = created;
        }

        // Rebuilt on every start, so the ports and suffix are the ones this start serves.
        var lines = Lines(options, credential, trust);
        FileSystem.WritePrivateFile(path, lines);
        return lines;
    }

    private static string? ReadCredential(string[] lines) =>
        lines.FirstOrDefault(line => line.StartsWith(CredentialPrefix, StringComparison.Ordinal))?[CredentialPrefix.Length..];

    internal static string Lines(ServeOptions options, string credential, CaTrust? trust)
    {
        var port = options.ClientPort == 443 ? string.Empty : ":" + options.ClientPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var vaultHost = $"{VaultName}.{options.DnsSuffix}";
        var text = new StringBuilder();
        text.AppendLine("# Coffer dev environment: paste into the shell that runs your application.");
        text.AppendLine($"export VAULT_URL=https://{vaultHost}{port}");
        text.AppendLine("# Managed identity 'dev' (App Service protocol), picked up by DefaultAzureCredential in .NET, Python and JavaScript:");
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"export IDENTITY_ENDPOINT=http://127.0.0.1:{options.IdentityPort}/msi/token");
        text.AppendLine(CredentialPrefix + credential);
        text.AppendLine("unset AZURE_CLIENT_ID AZURE_CLIENT_SECRET AZURE_TENANT_ID");
        if (trust is not null)
        {
            text.AppendLine("# Trust Coffer's local CA: .NET (OpenSSL) and Python requests read a bundle of the system roots plus the CA; Node adds the CA:");
            foreach (var (name, value) in trust.Variables)
            {
                text.AppendLine($"export {name}={value}");
            }
        }
        else
        {
            text.AppendLine("# TLS: Coffer serves the certificate given with --tls-cert; your clients must trust its issuer.");
        }
        text.AppendLine($"# {vaultHost} must resolve to this machine: install libnss-myhostname (resolves every *.localhost), or run once as root:");
        text.AppendLine($"#   echo '127.0.0.1 {vaultHost}' >> /etc/hosts");
        return text.ToString();
    }
}
