using Coffer.Server.Cli.Client;

namespace Coffer.Server.Cli.KeyVault;

/// <summary>
/// Which vault, item and version a secret or key command acts on: <c>--id</c> (an item id, or with the vault-level
/// commands a vault URL), else <c>--vault-name</c> with <c>--name</c> and <c>--version</c>, as az reads them.
/// <c>Collection</c> is the id's first segment: <c>secrets</c> or <c>keys</c> (the <c>deleted…</c> form is accepted too).
/// </summary>
internal sealed record VaultItemTarget(Uri Vault, string? Name, string? Version)
{
    /// <summary>Refuses, before anything is sent, a command line that names no vault or no item.</summary>
    public static void Check(CommandOptions options, string collection, bool needsName)
    {
        if (options.Value("--id") is { } id)
        {
            if (options.Has("--vault-name") || options.Has("--name"))
            {
                throw new UsageException($"'{options.Command}' takes --id or --vault-name/--name, not both.");
            }

            _ = ParseId(id, collection, needsName);
            return;
        }

        options.Required("--vault-name");
        if (needsName)
        {
            options.Required("--name");
        }
    }

    public static VaultItemTarget Resolve(CommandOptions options, CofferConnection connection, string collection, bool needsName)
    {
        Check(options, collection, needsName);
        return options.Value("--id") is { } id
            ? ParseId(id, collection, needsName)
            : new VaultItemTarget(connection.VaultUri(options.Required("--vault-name")), options.Value("--name"), options.Value("--version"));
    }

    /// <summary><c>https://{vault host}/{collection}/{name}[/{version}]</c> (or <c>deleted{collection}</c>), or just the vault's URL.</summary>
    private static VaultItemTarget ParseId(string id, string collection, bool needsName)
    {
        if (!Uri.TryCreate(id, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new UsageException($"--id must be an https URL, not '{id}'.");
        }

        var vault = new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        if (!needsName)
        {
            return new VaultItemTarget(vault, null, null);
        }

        var singular = collection.TrimEnd('s');
        return segments.Length is 2 or 3 && (segments[0] == collection || segments[0] == "deleted" + collection)
            ? new VaultItemTarget(vault, segments[1], segments.Length == 3 ? segments[2] : null)
            : throw new UsageException($"--id must be a {singular} id (https://VAULT/{collection}/NAME[/VERSION]), not '{id}'.");
    }
}
