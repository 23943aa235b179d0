using System.Buffers.Text;
using System.Text.Json.Nodes;
using Coffer.Server.Cli.Client;

namespace Coffer.Server.Cli.KeyVault;

/// <summary>
/// <c>sign</c> and <c>verify</c>: the vault's key operations over a digest the caller computed, with az's input (base64
/// digest and signature) and output (<c>algorithm</c>, <c>keyId</c> and <c>signature</c> or <c>isValid</c>).
/// </summary>
internal static partial class KeyCommand
{
    private static async Task<JsonNode?> SignAsync(CommandOptions options, CofferConnection connection, CancellationToken cancellationToken)
    {
        var target = VaultItemTarget.Resolve(options, connection, "keys", needsName: true);
        var algorithm = options.Required("--algorithm");
        var body = new JsonObject { ["alg"] = algorithm, ["value"] = Base64Url.EncodeToString(Bytes(options, "--digest")) };
        var signed = await connection.SendAsync(HttpMethod.Post, Url(target.Vault, KeyPath(target.Name!, target.Version) + "/sign"), body, cancellationToken);
        return new JsonObject
        {
            ["algorithm"] = algorithm,
            ["keyId"] = signed?["kid"]?.DeepClone(),
            ["signature"] = Convert.ToBase64String(Base64Url.DecodeFromChars(signed?["value"]?.GetValue<string>() ?? "")),
        };
    }

    /// <summary>
    /// Verified by the vault against the version named, else the current one, which is looked up first so that
    /// <c>keyId</c> names the version that checked the signature.
    /// </summary>
    private static async Task<JsonNode?> VerifyAsync(CommandOptions options, CofferConnection connection, CancellationToken cancellationToken)
    {
        var target = VaultItemTarget.Resolve(options, connection, "keys", needsName: true);
        var algorithm = options.Required("--algorithm");
        var body = new JsonObject
        {
            ["alg"] = algorithm,
            ["digest"] = Base64Url.EncodeToString(Bytes(options, "--digest")),
            ["value"] = Base64Url.EncodeToString(Bytes(options, "--signature")),
        };
        var version = target.Version;
        string? keyId = null;
        if (version is null)
        {
            var key = await connection.SendAsync(HttpMethod.Get, Url(target.Vault, KeyPath(target.Name!, null)), null, cancellationToken);
            keyId = key?["key"]?["kid"]?.GetValue<string>() ?? throw new CommandFailedException("The vault returned the key without its id.");
            version = keyId[(keyId.LastIndexOf('/') + 1)..];
        }

        var path = KeyPath(target.Name!, version);
        var verified = await connection.SendAsync(HttpMethod.Post, Url(target.Vault, path + "/verify"), body, cancellationToken);
        return new JsonObject
        {
            ["algorithm"] = algorithm,
            ["isValid"] = verified?["value"]?.GetValue<bool>() ?? false,
            ["keyId"] = keyId ?? new Uri(target.Vault, path).AbsoluteUri,
        };
    }

    /// <summary>A base64 argument (az prints and takes standard base64; base64url is accepted too).</summary>
    private static byte[] Bytes(CommandOptions options, string name)
    {
        var text = options.Required(name).Trim().Replace('-', '+').Replace('_', '/');
        try
        {
            return Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));
        }
        catch (FormatException)
        {
            throw new UsageException($"{name} must be base64.");
        }
    }
}
