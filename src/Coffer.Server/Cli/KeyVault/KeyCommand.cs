using System.Text.Json.Nodes;
using Coffer.Server.Cli.Client;

namespace Coffer.Server.Cli.KeyVault;

/// <summary>
/// <c>coffer keyvault key …</c>: az's verbs, flags and output, as Key Vault REST calls to
/// <c>https://{vault}.{server host}:{port}</c> with the CLI's sign-in (the .NET keys client is not among the packages
/// Coffer builds with).
/// </summary>
internal static partial class KeyCommand
{
    public const string Usage = """
        coffer keyvault key create          --vault-name V --name N [--kty RSA|RSA-HSM|EC|EC-HSM|oct-HSM] [--protection software|hsm]
                                            [--size BITS] [--curve P-256|P-256K|P-384|P-521] [--ops OP ...]
                                            [--tags k=v ...] [--expires TIME] [--not-before TIME] [--disabled [true|false]]
        coffer keyvault key import          --vault-name V --name N (--pem-file PATH | --pem-string PEM) [--pem-password P]
                                            [--protection software|hsm] [--ops OP ...] [--tags k=v ...] [--expires TIME]
                                            [--not-before TIME] [--disabled [true|false]]
        coffer keyvault key show            --vault-name V --name N [--version VER] | --id KEY_ID
        coffer keyvault key list            --vault-name V [--maxresults N] [--include-managed]
        coffer keyvault key list-versions   --vault-name V --name N [--maxresults N]
        coffer keyvault key set-attributes  --vault-name V --name N [--version VER] [--enabled [true|false]] [--ops OP ...]
                                            [--tags k=v ...] [--expires TIME] [--not-before TIME]
        coffer keyvault key rotate          --vault-name V --name N
        coffer keyvault key download        --vault-name V --name N [--version VER] --file PATH [--encoding PEM|DER]
        coffer keyvault key delete|recover|purge|show-deleted --vault-name V --name N
        coffer keyvault key list-deleted    --vault-name V [--maxresults N]
        coffer keyvault key sign            --vault-name V --name N [--version VER] --algorithm ALG --digest BASE64
        coffer keyvault key verify          --vault-name V --name N [--version VER] --algorithm ALG --digest BASE64
                                            --signature BASE64
        coffer keyvault key backup          --vault-name V --name N --file PATH
        coffer keyvault key restore         --vault-name V --file PATH

          --vault-name           the vault; its address is https://VAULT.{host of --server}:{port}
          --name, -n             the key
          --id                   a key id (https://VAULT/keys/NAME[/VERSION]) instead of --vault-name/--name
          --kty                  the key type; RSA unless --curve is given (then EC); --protection hsm picks the -HSM type
          --ops                  space-separated operations: encrypt decrypt sign verify wrapKey unwrapKey
          --expires, --not-before  ISO-8601 times (2030-01-31T00:00:00Z)
          --tags                 space-separated key=value pairs; "" clears them
          --algorithm, -a        RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES256K ES384 ES512
          --digest               base64 of the hash the algorithm names (SHA-256 for RS256), computed by the caller
        No command prints private key material: Key Vault returns public parts only. download writes the public key.
        Common: --server URL, --output/-o json|table|tsv|none, --query JMESPATH
        """;

    private const string ApiVersion = "api-version=2025-07-01";
    private static readonly string[] Target = ["--vault-name", "--name|-n", "--id", "--version|-v"];
    private static readonly string[] Attributes = ["--expires", "--not-before"];
    private static readonly string[] KeyTypes = ["RSA", "RSA-HSM", "EC", "EC-HSM", "oct-HSM"];

    public static Task<int> RunAsync(string[] args)
    {
        var verb = ClientCommand.Verb(args, Usage);
        var rest = args[1..];
        return verb switch
        {
            "create" => Run(rest, verb, [.. Target[..3], .. Attributes, "--kty", "--protection|-p", "--size", "--curve"], CreateAsync, booleans: ["--disabled"], lists: ["--tags", "--ops"]),
            "import" => Run(rest, verb, [.. Target[..3], .. Attributes, "--pem-file", "--pem-string", "--pem-password", "--protection|-p"], ImportAsync, booleans: ["--disabled"], lists: ["--tags", "--ops"]),
            "show" => Run(rest, verb, Target, async (o, c, ct) =>
            {
                var target = VaultItemTarget.Resolve(o, c, "keys", needsName: true);
                return KeyShapes.Bundle(await c.SendAsync(HttpMethod.Get, Url(target.Vault, KeyPath(target.Name!, target.Version)), null, ct));
            }),
            "list" => Run(rest, verb, ["--vault-name", "--id", "--maxresults"], (o, c, ct) =>
            {
                var target = VaultItemTarget.Resolve(o, c, "keys", needsName: false);
                var includeManaged = o.Flag("--include-managed");
                // az leaves out the keys Key Vault manages for certificates unless asked for them.
                return ListAsync(c, Url(target.Vault, "keys"), SecretInput.MaxResults(o), item => includeManaged || item?["managed"]?.GetValue<bool>() != true ? KeyShapes.Item(item) : null, ct);
            }, flags: ["--include-managed"], needsName: false),
            "list-versions" => Run(rest, verb, [.. Target[..3], "--maxresults"], (o, c, ct) =>
            {
                var target = VaultItemTarget.Resolve(o, c, "keys", needsName: true);
                return ListAsync(c, Url(target.Vault, KeyPath(target.Name!, null) + "/versions"), SecretInput.MaxResults(o), KeyShapes.Item, ct);
            }),
            "set-attributes" => Run(rest, verb, [.. Target, .. Attributes], SetAttributesAsync, booleans: ["--enabled"], lists: ["--tags", "--ops"]),
            "rotate" => Run(rest, verb, Target[..3], async (o, c, ct) =>
            {
                var target = VaultItemTarget.Resolve(o, c, "keys", needsName: true);
                return KeyShapes.Bundle(await c.SendAsync(HttpMethod.Post, Url(target.Vault, KeyPath(target.Name!, null) + "/rotate"), null, ct));
            }),
            "download" => Run(rest, verb, [.. Target, "--file|-f", "--encoding|-e"], DownloadAsync),
            "delete" or "recover" or "purge" or "show-deleted" => Run(rest, verb, Target[..3], (o, c, ct) => DeletionAsync(verb, o, c, ct)),
            "list-deleted" => Run(rest, verb, ["--vault-name", "--id", "--maxresults"], (o, c, ct) =>
            {
                var target = VaultItemTarget.Resolve(o, c, "keys", needsName: false);
                return ListAsync(c, Url(target.Vault, "deletedkeys"), SecretInput.MaxResults(o), KeyShapes.DeletedItem, ct);
            }, needsName: false),
            "sign" => Run(rest, verb, [.. Target, "--algorithm|-a", "--digest"], SignAsync),
            "verify" => Run(rest, verb, [.. Target, "--algorithm|-a", "--digest", "--signature"], VerifyAsync),
            "backup" => Run(rest, verb, [.. Target[..3], "--file|-f"], BackupAsync),
            "restore" => Run(rest, verb, ["--vault-name", "--id", "--file|-f"], RestoreAsync, needsName: false),
            _ => throw new UsageException($"Unknown command 'coffer keyvault key {verb}'. Run 'coffer keyvault key --help'."),
        };
    }

    private static async Task<JsonNode?> CreateAsync(CommandOptions options, CofferConnection connection, CancellationToken cancellationToken)
    {
        var target = VaultItemTarget.Resolve(options, connection, "keys", needsName: true);
        var body = Properties(options, enabledFrom: "--disabled");
        body["kty"] = KeyType(options);
        if (options.Value("--size") is { } size)
        {
            body["key_size"] = int.TryParse(size, out var bits) && bits > 0 ? bits : throw new UsageException($"--size must be a number of bits, not '{size}'.");
        }

        if (options.Value("--curve") is { } curve)
        {
            body["crv"] = curve;
        }
        var created = await connection.SendAsync(HttpMethod.Post, Url(target.Vault, KeyPath(target.Name!, null) + "/create"), body, cancellationToken);
        return KeyShapes.Bundle(created);
    }

    private static async Task<JsonNode?> ImportAsync(CommandOptions options, CofferConnection connection, CancellationToken cancellationToken)
    {
        var target = VaultItemTarget.Resolve(options, connection, "keys", needsName: true);
        var pem = options.Value("--pem-string") ?? await File.ReadAllTextAsync(options.Required("--pem-file"), cancellationToken);
        var body = Properties(options, enabledFrom: "--disabled");
        var key = KeyMaterial.PrivateJwk(pem, options.Value("--pem-password"), Protection(options) == "hsm");
        if (body["key_ops"] is { } ops)
        {
            key["key_ops"] = ops.DeepClone();
            body.Remove("key_ops");
        }

        body["key"] = key;
        return KeyShapes.Bundle(await connection.SendAsync(HttpMethod.Put, Url(target.Vault, KeyPath(target.Name!, null)), body, cancellationToken));
    }

    /// <summary>Changes only what is given; without <c>--version</c> Key Vault updates the current version.</summary>
    private static async Task<JsonNode?> SetAttributesAsync(CommandOptions options, CofferConnection connection, CancellationToken cancellationToken)
    {
        var target = VaultItemTarget.Resolve(options, connection, "keys", needsName: true);
        var body = Properties(options, enabledFrom: "--enabled");
        var updated = await connection.SendAsync(HttpMethod.Patch, Url(target.Vault, KeyPath(target.Name!, target.Version ?? "")), body, cancellationToken);
        return KeyShapes.Bundle(updated);
    }

    /// <summary>Writes the key's public part, as az does: PEM (default) or DER, never over an existing file.</summary>
    private static async Task<JsonNode?> DownloadAsync(CommandOptions options, CofferConnection connection, CancellationToken cancellationToken)
    {
        var target = VaultItemTarget.Resolve(options, connection, "keys", needsName: true);
        var path = options.Required("--file");
        var pem = (options.Value("--encoding") ?? "PEM").ToUpperInvariant() switch
        {
            "PEM" => true,
            "DER" => false,
            var other => throw new UsageException($"--encoding must be PEM or DER, not '{other}'."),
        };
        if (File.Exists(path))
        {
            throw new CommandFailedException($"File {path} already exists.");
        }

        var bundle = await connection.SendAsync(HttpMethod.Get, Url(target.Vault, KeyPath(target.Name!, target.Version)), null, cancellationToken);
        await File.WriteAllBytesAsync(path, KeyMaterial.PublicKey(bundle?["key"], pem), cancellationToken);
        return null;
    }

    /// <summary>The request's attributes, tags and operations: only what the command line gives.</summary>
    private static JsonObject Properties(CommandOptions options, string enabledFrom)
    {
        var attributes = new JsonObject();
        if (options.Boolean(enabledFrom) is { } flag)
        {
            attributes["enabled"] = enabledFrom == "--disabled" ? !flag : flag;
        }

        if (SecretInput.Time(options, "--expires") is { } expires)
        {
            attributes["exp"] = expires.ToUnixTimeSeconds();
        }

        if (SecretInput.Time(options, "--not-before") is { } notBefore)
        {
            attributes["nbf"] = notBefore.ToUnixTimeSeconds();
        }

        var body = new JsonObject { ["attributes"] = attributes };
        if (SecretInput.Tags(options) is { } tags)
        {
            body["tags"] = new JsonObject(tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value)));
        }

        if (options.Values("--ops") is { Count: > 0 } ops)
        {
            body["key_ops"] = new JsonArray([.. ops.Select(op => (JsonNode?)op)]);
        }

        return body;
    }

    /// <summary>az's choice: <c>--kty</c> as given, else EC when a curve is named and RSA otherwise; <c>--protection hsm</c> makes it the -HSM type.</summary>
    private static string KeyType(CommandOptions options)
    {
        var kty = options.Value("--kty") ?? (options.Has("--curve") ? "EC" : "RSA");
        var match = KeyTypes.FirstOrDefault(t => string.Equals(t, kty, StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"--kty must be one of {string.Join(", ", KeyTypes)}, not '{kty}'.");
        return Protection(options) == "hsm" && !match.EndsWith("-HSM", StringComparison.Ordinal) ? match + "-HSM" : match;
    }

    private static string Protection(CommandOptions options) => (options.Value("--protection") ?? "software").ToLowerInvariant() switch
    {
        "software" => "software",
        "hsm" => "hsm",
        var other => throw new UsageException($"--protection must be software or hsm, not '{other}'."),
    };

    private static string KeyPath(string name, string? version) =>
        "keys/" + Uri.EscapeDataString(name) + (version is null ? "" : "/" + Uri.EscapeDataString(version));

    private static string Url(Uri vault, string path) => new Uri(vault, path).AbsoluteUri + "?" + ApiVersion;

    /// <summary>Every item of a Key Vault listing (following <c>nextLink</c>) up to <paramref name="max"/>, shaped; items shaped as null are left out.</summary>
    private static async Task<JsonNode?> ListAsync(CofferConnection connection, string url, int? max, Func<JsonNode?, JsonObject?> shape, CancellationToken cancellationToken)
    {
        var result = new JsonArray();
        for (string? next = url; next is not null && (max is not { } limit || result.Count < limit);)
        {
            var page = await connection.SendAsync(HttpMethod.Get, next, null, cancellationToken);
            foreach (var item in page?["value"] as JsonArray ?? [])
            {
                if (max is { } most && result.Count >= most)
                {
                    break;
                }

                if (shape(item) is { } shaped)
                {
                    result.Add(shaped);
                }
            }

            next = page?["nextLink"]?.GetValue<string>();
        }

        return result;
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
        VaultItemCommand.Run("key", "keys", args, verb, values, action, flags, lists, booleans, needsName, options =>
        {
            if (verb == "create")
            {
                _ = KeyType(options);
            }

            if (verb is "sign" or "verify")
            {
                _ = options.Required("--algorithm");
                _ = Bytes(options, "--digest");
                _ = verb == "verify" ? Bytes(options, "--signature") : null;
            }

            if (verb == "import")
            {
                _ = Protection(options);
                if (options.Has("--pem-file") == options.Has("--pem-string"))
                {
                    throw new UsageException("incorrect usage: [Required] --pem-file PATH | --pem-string PEM");
                }
            }
        });
}
