using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Coffer.Server.Hosting;

namespace Coffer.Server.Cli.Client;

/// <summary>
/// The variables that make a program's <c>DefaultAzureCredential</c> sign in as a managed identity: the App Service
/// pair set, and every variable removed that a credential earlier in the SDK chains (or another managed-identity
/// source) would pick up instead.
/// </summary>
internal static partial class WorkloadEnvironment
{
    /// <summary>
    /// EnvironmentCredential and WorkloadIdentityCredential come before ManagedIdentityCredential in every SDK chain;
    /// <c>MSI_*</c>, <c>IDENTITY_SERVER_THUMBPRINT</c>, <c>IMDS_ENDPOINT</c> and the pod-identity host select other
    /// managed-identity sources.
    /// </summary>
    public static readonly string[] Removed =
    [
        "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_TENANT_ID", "AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_CLIENT_CERTIFICATE_PASSWORD",
        "AZURE_USERNAME", "AZURE_PASSWORD", "AZURE_FEDERATED_TOKEN_FILE", "MSI_ENDPOINT", "MSI_SECRET", "IDENTITY_SERVER_THUMBPRINT",
        "IMDS_ENDPOINT", "AZURE_POD_IDENTITY_AUTHORITY_HOST",
    ];

    /// <summary>Sets a child process's environment (a <c>ProcessStartInfo.Environment</c>).</summary>
    public static void Apply(IDictionary<string, string?> environment, WorkloadCredential credential, CaTrust? trust)
    {
        foreach (var name in Removed)
        {
            environment.Remove(name);
        }

        environment["IDENTITY_ENDPOINT"] = credential.IdentityEndpoint;
        environment["IDENTITY_HEADER"] = credential.IdentityHeader;
        foreach (var (name, value) in trust?.Variables ?? [])
        {
            environment[name] = value;
        }
    }

    /// <summary>The same, as lines a POSIX shell evaluates (<c>eval "$(coffer env --identity app)"</c>).</summary>
    public static string ExportLines(string identityName, WorkloadCredential credential, CaTrust? trust)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Managed identity '{identityName}': credential {credential.Id}")
            .Append(credential.ExpiresOn is null ? "." : $", valid until {credential.ExpiresOn}.").Append('\n');
        text.Append("# It is NOT revoked when this shell ends: keep these lines secret, and prefer 'coffer exec', which revokes it.\n");
        text.Append("unset ").AppendJoin(' ', Removed).Append('\n');
        text.Append("export IDENTITY_ENDPOINT=").Append(Quote(credential.IdentityEndpoint)).Append('\n');
        text.Append("export IDENTITY_HEADER=").Append(Quote(credential.IdentityHeader)).Append('\n');
        foreach (var (name, value) in trust?.Variables ?? [])
        {
            text.Append("export ").Append(name).Append('=').Append(Quote(value)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A value safe to paste into a POSIX shell: bare when it has only safe characters, otherwise single-quoted.</summary>
    public static string Quote(string value) =>
        value.Length > 0 && SafeForShell().IsMatch(value) ? value : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary><c>--expires-in</c>: a number and a unit, <c>90s</c>, <c>30m</c>, <c>8h</c>, <c>7d</c>.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        var match = Duration().Match(text);
        if (!match.Success || !int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n == 0)
        {
            throw new UsageException($"--expires-in needs a duration such as 30m, 8h or 7d, not '{text}'.");
        }

        return match.Groups["unit"].Value switch
        {
            "s" => TimeSpan.FromSeconds(n),
            "m" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            _ => TimeSpan.FromDays(n),
        };
    }

    [GeneratedRegex("^[A-Za-z0-9_@%+=:,./-]+$")]
    private static partial Regex SafeForShell();

    [GeneratedRegex("^(?<n>[0-9]{1,6})(?<unit>[smhd])$")]
    private static partial Regex Duration();
}
