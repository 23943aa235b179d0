using System.Text.Json.Nodes;
using Azure.Security.KeyVault.Secrets;
using Coffer.Server.Cli.Client;
using Coffer.Server.Hosting;

namespace Coffer.Server.Cli.KeyVault;

/// <summary>
/// <c>coffer keyvault secret …</c>: az's verbs, flags and output, through the official
/// <c>Azure.Security.KeyVault.Secrets</c> client at <c>https://{vault}.{server host}:{port}</c>.
/// </summary>
internal static partial class SecretCommand
{
    public const string Usage = """
        coffer keyvault secret set            --vault-name V --name N (--value VALUE | --file PATH [--encoding E])
                                              [--content-type T] [--tags k=v ...] [--expires TIME] [--not-before TIME] [--disabled [true|false]]
        coffer keyvault secret show           --vault-name V --name N [--version VER] | --id SECRET_ID
        coffer keyvault secret list           --vault-name V [--maxresults N] [--include-managed]
        coffer keyvault secret list-versions  --vault-name V --name N [--maxresults N]
        coffer keyvault secret set-attributes --vault-name V --name N [--version VER] [--enabled [true|false]]
                                              [--content-type T] [--tags k=v ...] [--expires TIME] [--not-before TIME]
        coffer keyvault secret delete|recover|purge|show-deleted --vault-name V --name N
        coffer keyvault secret list-deleted   --vault-name V [--maxresults N]
        coffer keyvault secret download       --vault-name V --name N [--version VER] --file PATH [--encoding E]
        coffer keyvault secret backup         --vault-name V --name N --file PATH
        coffer keyvault secret restore        --vault-name V --file PATH

          --vault-name           the vault; its address is https://VAULT.{host of --server}:{port}
          --name, -n             the secret
          --id                   a secret id (https://VAULT/secrets/NAME[/VERSION]) instead of --vault-name/--name
          --encoding, -e         how --file is read (set) or written (download): utf-8 (default), utf-16le, utf-16be,
                                 ascii, base64, hex; download defaults to the secret's file-encoding tag
          --expires, --not-before  ISO-8601 times (2030-01-31T00:00:00Z)
          --tags                 space-separated key=value pairs; "" clears them
        Only 'set' and 'show' print the secret's value; 'download' writes it to --file (never over an existing file). Common: --server URL, --output/-o json|table|tsv|none, --query JMESPATH
        """;

    private static readonly string[] Target = ["--vault-name", "--name|-n", "--id", "--version|-v"];
    private static readonly string[] Attributes = ["--content-type|--description", "--expires", "--not-before"];

    public static Task<int> RunAsync(string[] args)
    {
        var verb = ClientCommand.Verb(args, Usage);
        var rest = args[1..];
        return verb switch
        {
            "set" => Run(rest, verb, [.. Target[..3], .. Attributes, "--value", "--file|-f", "--encoding|-e"], SetAsync, booleans: ["--disabled"], lists: ["--tags"]),
            "show" => Run(rest, verb, Target, async (o, c, ct) =>
            {
                var target = VaultItemTarget.Resolve(o, c, "secrets", needsName: true);
                var secret = await ServiceFailure.CallAsync(() => c.Secrets(target.Vault).GetSecretAsync(target.Name, target.Version, ct));
                return SecretShapes.WithValue(secret.Value);
            }),
            "list" => Run(rest, verb, ["--vault-name", "--id", "--maxresults"], ListAsync, flags: ["--include-managed"], needsName: false),
            "list-versions" => Run(rest, verb, [.. Target[..3], "--maxresults"], async (o, c, ct) =>
            {
                var target = VaultItemTarget.Resolve(o, c, "secrets", needsName: true);
                return await ListAsync(c.Secrets(target.Vault).GetPropertiesOfSecretVersionsAsync(target.Name, ct), SecretInput.MaxResults(o), SecretShapes.Properties);
            }),
            "set-attributes" => Run(rest, verb, [.. Target, .. Attributes], SetAttributesAsync, booleans: ["--enabled"], lists: ["--tags"]),
            "delete" or "recover" or "purge" or "show-deleted" => Run(rest, verb, Target[..3], (o, c, ct) => DeletionAsync(verb, o, c, ct)),
            "list-deleted" => Run(rest, verb, ["--vault-name", "--id", "--maxresults"], async (o, c, ct) =>
            {
                var target = VaultItemTarget.Resolve(o, c, "secrets", needsName: false);
                return await ListAsync(c.Secrets(target.Vault).GetDeletedSecretsAsync(ct), SecretInput.MaxResults(o), SecretShapes.DeletedItem);
            }, needsName: false),
            "download" => Run(rest, verb, [.. Target, "--file|-f", "--encoding|-e"], DownloadAsync),
            "backup" => Run(rest, verb, [.. Target[..3], "--file|-f"], BackupAsync),
            "restore" => Run(rest, verb, ["--vault-name", "--id", "--file|-f"], RestoreAsync, needsName: false),
            _ => throw new UsageException($"Unknown command 'coffer keyvault secret {verb}'. Run 'coffer keyvault secret --help'."),
        };
    }

    private static async Task<JsonNode?> SetAsync(CommandOptions options, CofferConnection connection, CancellationToken cancellationToken)
    {
        var target = VaultItemTarget.Resolve(options, connection, "secrets", needsName: true);
        var secret = new KeyVaultSecret(target.Name!, SecretInput.Value(options)); // Resolve demands the name
        secret.Properties.ContentType = options.Value("--content-type");
        secret.Properties.Enabled = options.Boolean("--disabled") is { } disabled ? !disabled : null;
        secret.Properties.ExpiresOn = SecretInput.Time(options, "--expires");
        secret.Properties.NotBefore = SecretInput.Time(options, "--not-before");
        foreach (var (key, value) in SecretInput.Tags(options) ?? [])
        {
            secret.Properties.Tags[key] = value;
        }

        // az records how the value was read, also for --value (its default encoding).
        secret.Properties.Tags["file-encoding"] = SecretInput.Encoding(options);
        var stored = await ServiceFailure.CallAsync(() => connection.Secrets(target.Vault).SetSecretAsync(secret, cancellationToken));
        return SecretShapes.WithValue(stored.Value);
    }

    /// <summary>
    /// Writes the value to <c>--file</c> as az does: in <c>--encoding</c>, else the encoding the secret was set with (its
    /// <c>file-encoding</c> tag), else UTF-8; never over an existing file. Prints nothing.
    /// </summary>
    private static async Task<JsonNode?> DownloadAsync(CommandOptions options, CofferConnection connection, CancellationToken cancellationToken)
    {
        var target = VaultItemTarget.Resolve(options, connection, "secrets", needsName: true);
        var path = options.Required("--file");
        if (File.Exists(path))
        {
            throw new CommandFailedException($"File {path} already exists.");
        }

        var secret = await ServiceFailure.CallAsync(() => connection.Secrets(target.Vault).GetSecretAsync(target.Name, target.Version, cancellationToken));
        var encoding = SecretInput.Encoding(options, secret.Value.Properties.Tags.TryGetValue("file-encoding", out var tagged) ? tagged : null);
        var bytes = SecretInput.FileBytes(secret.Value.Value, encoding);
        try
        {
            FileSystem.WritePrivateFile(path, bytes, createNew: true);
        }
        catch (IOException e) when (File.Exists(path))
        {
            throw new CommandFailedException($"File {path} already exists.", e);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
        }

        return null;
    }

    private static async Task<JsonNode?> ListAsync(CommandOptions options, CofferConnection connection, CancellationToken cancellationToken)
    {
        var target = VaultItemTarget.Resolve(options, connection, "secrets", needsName: false);
        var includeManaged = options.Flag("--include-managed");
        var all = connection.Secrets(target.Vault).GetPropertiesOfSecretsAsync(cancellationToken);
        // az leaves out the secrets Key Vault manages for certificates unless asked for them.
        return await ListAsync(all, SecretInput.MaxResults(options), p => includeManaged || !p.Managed ? SecretShapes.Properties(p) : null);
    }

    /// <summary>
    /// Changes only what is given. The .NET client needs the version it updates (the Python one az uses sends none),
    /// so without <c>--version</c> the current one is found first.
    /// </summary>
    private static async Task<JsonNode?> SetAttributesAsync(CommandOptions options, CofferConnection connection, CancellationToken cancellationToken)
    {
        var target = VaultItemTarget.Resolve(options, connection, "secrets", needsName: true);
        var client = connection.Secrets(target.Vault);
        var version = target.Version ?? await LatestVersionAsync(client, target.Name!, cancellationToken); // Resolve demands the name
        var properties = new SecretProperties(new Uri(target.Vault, $"secrets/{Uri.EscapeDataString(target.Name!)}/{Uri.EscapeDataString(version)}")) // Resolve demands the name
        {
            Enabled = options.Boolean("--enabled"),
            ContentType = options.Value("--content-type"),
            ExpiresOn = SecretInput.Time(options, "--expires"),
            NotBefore = SecretInput.Time(options, "--not-before"),
        };
        foreach (var (key, value) in SecretInput.Tags(options) ?? [])
        {
            properties.Tags[key] = value;
        }

        var updated = await ServiceFailure.CallAsync(() => client.UpdateSecretPropertiesAsync(properties, cancellationToken));
        return SecretShapes.WithoutValue(updated.Value);
    }

    /// <summary>
    /// The current version: the newest of the versions' properties. Listing them, unlike reading the secret, works
    /// for a disabled secret too (re-enabling one is what set-attributes is often for).
    /// </summary>
    private static async Task<string> LatestVersionAsync(SecretClient client, string name, CancellationToken cancellationToken)
    {
        return await ServiceFailure.CallAsync(async () =>
        {
            SecretProperties? latest = null;
            await foreach (var version in client.GetPropertiesOfSecretVersionsAsync(name, cancellationToken))
            {
                if (latest is null || version.CreatedOn > latest.CreatedOn || (version.CreatedOn == latest.CreatedOn && version.UpdatedOn > latest.UpdatedOn))
                {
                    latest = version;
                }
            }

            return latest?.Version ?? throw new CommandFailedException($"A secret with (name/id) {name} was not found in this key vault.") { Code = "SecretNotFound" };
        });
    }

    /// <summary>Every item of a listing (up to <paramref name="max"/>), shaped; items shaped as null are left out.</summary>
    private static async Task<JsonArray> ListAsync<T>(Azure.AsyncPageable<T> pages, int? max, Func<T, JsonObject?> shape)
        where T : notnull
    {
        return await ServiceFailure.CallAsync(async () =>
        {
            var result = new JsonArray();
            await foreach (var item in pages)
            {
                if (max is { } limit && result.Count >= limit)
                {
                    break;
                }

                if (shape(item) is { } shaped)
                {
                    result.Add(shaped);
                }
            }

            return result;
        });
    }

    private static Task<int> Run(
        string[] args,
        string verb,
        string[] values,
        Func<CommandOptions, CofferConnection, CancellationToken, Task<JsonNode?>> action,
        string[]? flags = null,
        string[]? lists = null,
        string[]? booleans = null,
        bool needsName = true) =>
        VaultItemCommand.Run("secret", "secrets", args, verb, values, action, flags, lists, booleans, needsName, options =>
        {
            if (verb == "download")
            {
                _ = options.Has("--encoding") ? SecretInput.Encoding(options) : null;
            }

            if (verb == "set")
            {
                _ = SecretInput.Encoding(options);
                if (options.Has("--value") == options.Has("--file"))
                {
                    throw new UsageException("incorrect usage: [Required] --value VALUE | --file PATH");
                }
            }
        });
}
