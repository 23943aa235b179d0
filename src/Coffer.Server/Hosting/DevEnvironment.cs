using System.Text;
using Coffer.Core.Authorization;
using Coffer.Core.Identity;
using Coffer.Core.Vaults;

namespace Coffer.Server.Hosting;

/// <summary>
/// <c>serve --dev</c>: a vault <c>dev</c> and a managed identity <c>dev</c> that may do everything, and the exact
/// environment lines that point the Azure SDKs at them. The identity's credential is stored only as a hash in the
/// database; the lines (which contain it) are kept in <c>{data}/dev.env</c>, readable by the owner only, so
/// they stay the same across restarts.
/// </summary>
internal static class DevEnvironment
{
    public const string VaultName = "dev";
    public const string IdentityName = "dev";
    public const string FileName = "dev.env";

    public static async Task<string> EnsureAsync(IServiceProvider services, ServeOptions options, string caBundlePath, string caPath, CancellationToken cancellationToken)
    {
        var vaults = services.GetRequiredService<VaultDirectory>();
        var identities = services.GetRequiredService<IdentityService>();
        var access = services.GetRequiredService<AccessEvaluator>();
        await vaults.EnsureAsync(VaultName, cancellationToken);

        var path = Path.Combine(options.DataDirectory, FileName);
        var existing = await identities.FindAsync(IdentityName, cancellationToken);
        if (existing is not null)
        {
            return File.Exists(path)
                ? await File.ReadAllTextAsync(path, cancellationToken)
                : throw new InvalidOperationException(
                    $"The managed identity '{IdentityName}' exists but {path} is gone, and its credential is stored only as a hash. Start with a new --data directory.");
        }

        var (identity, credential) = await identities.CreateAsync(IdentityName, cancellationToken);
        await access.AssignAsync(identity.PrincipalId, BuiltInRoles.Administrator, "/", cancellationToken);
        var lines = Lines(options, credential, caBundlePath, caPath);
        FileSystem.WritePrivateFile(path, lines);
        return lines;
    }

    internal static string Lines(ServeOptions options, string credential, string caBundlePath, string caPath)
    {
        var port = options.Port == 443 ? string.Empty : ":" + options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var vaultHost = $"{VaultName}.{options.DnsSuffix}";
        var text = new StringBuilder();
        text.AppendLine("# Coffer dev environment: paste into the shell that runs your application.");
        text.AppendLine($"export VAULT_URL=https://{vaultHost}{port}");
        text.AppendLine("# Managed identity 'dev' (App Service protocol), picked up by DefaultAzureCredential in .NET, Python and JavaScript:");
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"export IDENTITY_ENDPOINT=http://127.0.0.1:{options.IdentityPort}/msi/token");
        text.AppendLine($"export IDENTITY_HEADER={credential}");
        text.AppendLine("unset AZURE_CLIENT_ID AZURE_CLIENT_SECRET AZURE_TENANT_ID");
        text.AppendLine("# Trust Coffer's local CA: .NET (OpenSSL) and Python requests read a bundle of the system roots plus the CA; Node adds the CA:");
        text.AppendLine($"export SSL_CERT_FILE={caBundlePath}");
        text.AppendLine($"export REQUESTS_CA_BUNDLE={caBundlePath}");
        text.AppendLine($"export NODE_EXTRA_CA_CERTS={caPath}");
        text.AppendLine($"# {vaultHost} must resolve to this machine: install libnss-myhostname (resolves every *.localhost), or run once as root:");
        text.AppendLine($"#   echo '127.0.0.1 {vaultHost}' >> /etc/hosts");
        return text.ToString();
    }
}
