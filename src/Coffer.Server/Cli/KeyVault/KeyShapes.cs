using System.Buffers.Text;
using System.Text.Json.Nodes;

namespace Coffer.Server.Cli.KeyVault;

/// <summary>
/// Keys as <c>az keyvault key</c> prints them, from Key Vault's wire JSON: the attributes with Python's times, the
/// JSON web key with every field az lists (the binary ones in standard base64, as az prints bytes; public parts only,
/// Key Vault never returns private ones), and what each command adds (the deletion fields).
/// </summary>
internal static class KeyShapes
{
    private static readonly string[] KeyFields = ["crv", "d", "dp", "dq", "e", "k", "kty", "n", "p", "q", "qi", "t", "x", "y"];
    private static readonly HashSet<string> TextFields = ["crv", "kty"];

    /// <summary><c>key create</c>, <c>import</c>, <c>show</c>, <c>set-attributes</c>, <c>rotate</c>, <c>recover</c> and <c>restore</c>: a KeyBundle.</summary>
    public static JsonObject Bundle(JsonNode? bundle)
    {
        var jwk = bundle?["key"] as JsonObject;
        var key = new JsonObject();
        foreach (var field in KeyFields)
        {
            key[field] = jwk?[field] is JsonValue value && value.TryGetValue<string>(out var text)
                ? TextFields.Contains(field) ? text : StandardBase64(text)
                : null;
        }

        key["keyOps"] = jwk?["key_ops"]?.DeepClone();
        var kid = Text(jwk?["kid"]);
        key["kid"] = kid;
        return new JsonObject
        {
            ["attributes"] = Attributes(bundle?["attributes"]),
            ["key"] = key,
            ["managed"] = Managed(bundle),
            ["name"] = Name(kid),
            ["releasePolicy"] = bundle?["release_policy"]?.DeepClone(),
            ["tags"] = Tags(bundle),
        };
    }

    /// <summary><c>key list</c> and <c>list-versions</c>: a KeyItem's attributes, kid, managed, name and tags.</summary>
    public static JsonObject Item(JsonNode? item)
    {
        var kid = Text(item?["kid"]);
        return new JsonObject
        {
            ["attributes"] = Attributes(item?["attributes"]),
            ["kid"] = kid,
            ["managed"] = Managed(item),
            ["name"] = Name(kid),
            ["tags"] = Tags(item),
        };
    }

    /// <summary><c>key delete</c> and <c>show-deleted</c>: the bundle plus when it was deleted and will be purged.</summary>
    public static JsonObject Deleted(JsonNode? deleted) => AddDeletion(Bundle(deleted), deleted);

    /// <summary><c>key list-deleted</c>: the item plus the deletion fields.</summary>
    public static JsonObject DeletedItem(JsonNode? deleted) => AddDeletion(Item(deleted), deleted);

    /// <summary>The key's name: the segment after <c>/keys/</c> (or <c>/deletedkeys/</c>) in its id.</summary>
    public static string? Name(string? kid) =>
        Uri.TryCreate(kid, UriKind.Absolute, out var uri) && uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) is { Length: >= 2 } segments
            ? Uri.UnescapeDataString(segments[1])
            : null;

    private static JsonObject Attributes(JsonNode? attributes) => new()
    {
        ["created"] = Time(attributes?["created"]),
        ["enabled"] = attributes?["enabled"]?.DeepClone(),
        ["expires"] = Time(attributes?["exp"]),
        ["exportable"] = attributes?["exportable"]?.DeepClone(),
        ["hsmPlatform"] = attributes?["hsmPlatform"]?.DeepClone(),
        ["notBefore"] = Time(attributes?["nbf"]),
        ["recoverableDays"] = attributes?["recoverableDays"]?.DeepClone(),
        ["recoveryLevel"] = attributes?["recoveryLevel"]?.DeepClone(),
        ["updated"] = Time(attributes?["updated"]),
    };

    private static JsonObject AddDeletion(JsonObject result, JsonNode? deleted)
    {
        result["deletedDate"] = Time(deleted?["deletedDate"]);
        result["recoveryId"] = Text(deleted?["recoveryId"]);
        result["scheduledPurgeDate"] = Time(deleted?["scheduledPurgeDate"]);
        return result;
    }

    /// <summary>Python's SDK leaves <c>managed</c> None unless Key Vault says true (a certificate's key).</summary>
    private static JsonNode? Managed(JsonNode? node) => node?["managed"] is JsonValue value && value.TryGetValue<bool>(out var managed) && managed ? true : null;

    /// <summary>Python's SDK leaves tags None when the service sends none.</summary>
    private static JsonObject? Tags(JsonNode? node) =>
        node?["tags"] is JsonObject { Count: > 0 } tags
            ? new JsonObject(tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => KeyValuePair.Create(t.Key, t.Value?.DeepClone())))
            : null;

    /// <summary>Key Vault's Unix seconds as Python's <c>isoformat()</c> of an aware UTC time.</summary>
    private static string? Time(JsonNode? seconds) =>
        seconds is JsonValue value && value.TryGetValue<long>(out var unix) ? SecretShapes.Time(DateTimeOffset.FromUnixTimeSeconds(unix)) : null;

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string StandardBase64(string base64Url) => Convert.ToBase64String(Base64Url.DecodeFromChars(base64Url));
}
