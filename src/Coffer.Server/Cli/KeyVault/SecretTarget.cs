using Coffer.Server.Cli.Client;

namespace Coffer.Server.Cli.KeyVault;

/// <summary>
/// Which vault, secret and version a secret command acts on: <c>--id</c> (a secret id, or with the vault-level
/// commands a vault URL), else <c>--vault-name</c> with <c>--name</c> and <c>--version</c>, as az reads them.
/// </summary>
internal sealed record SecretTarget(Uri Vault, string? Name, string? Version)
{
    /// <summary>Refuses, before anything is sent, a command line that names no vault or no secret.</summary>
    public static void Check(CommandOptions options, bool needsName)
    {
        if (options.Value("--id") is { } id)
        {
            if (options.Has("--vault-name") || options.Has("--name"))
            {
                throw new UsageException($"'{options.Command}' takes --id or --vault-name/--name, not both.");
            }

            _ = ParseId(id, needsName);
            return;
        }

        options.Required("--vault-name");
        if (needsName)
        {
            options.Required("--name");
        }
    }

    public static SecretTarget Resolve(CommandOptions options, CofferConnection connection, bool needsName)
    {
        Check(options, needsName);
        return options.Value("--id") is { } id
            ? ParseId(id, needsName)
            : new SecretTarget(connection.VaultUri(options.Required("--vault-name")), options.Value("--name"), options.Value("--version"));
    }

    /// <summary><c>https://{vault host}/secrets/{name}[/{version}]</c> (or <c>deletedsecrets</c>), or just the vault's URL.</summary>
    private static SecretTarget ParseId(string id, bool needsName)
    {
        if (!Uri.TryCreate(id, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new UsageException($"--id must be an https URL, not '{id}'.");
        }

        var vault = new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        if (!needsName)
        {
            return new SecretTarget(vault, null, null);
        }

        return segments.Length is 2 or 3 && segments[0] is "secrets" or "deletedsecrets"
            ? new SecretTarget(vault, segments[1], segments.Length == 3 ? segments[2] : null)
            : throw new UsageException($"--id must be a secret id (https://VAULT/secrets/NAME[/VERSION]), not '{id}'.");
    }
}
