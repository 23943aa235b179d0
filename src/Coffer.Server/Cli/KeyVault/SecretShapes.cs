using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Security.KeyVault.Secrets;

namespace Coffer.Server.Cli.KeyVault;

/// <summary>
/// Secrets as <c>az keyvault secret</c> prints them (azure-cli's keyvault <c>_transformers</c>): the properties every
/// command shows, then what each command adds (<c>kid</c> and <c>value</c>, the deletion fields). Times are written as
/// Python's <c>isoformat()</c> writes an aware UTC datetime.
/// </summary>
internal static class SecretShapes
{
    /// <summary><c>secret list</c> and <c>list-versions</c>: attributes, contentType, id, managed, name, tags; never the value.</summary>
    public static JsonObject Properties(SecretProperties properties) => new()
    {
        ["attributes"] = new JsonObject
        {
            ["created"] = Time(properties.CreatedOn),
            ["enabled"] = properties.Enabled,
            ["expires"] = Time(properties.ExpiresOn),
            ["notBefore"] = Time(properties.NotBefore),
            ["recoverableDays"] = properties.RecoverableDays,
            ["recoveryLevel"] = properties.RecoveryLevel,
            ["updated"] = Time(properties.UpdatedOn),
        },
        ["contentType"] = properties.ContentType,
        ["id"] = properties.Id?.AbsoluteUri,
        // The SDK reads an absent "managed" as false; Python leaves it None, and only Key Vault-managed secrets are true.
        ["managed"] = properties.Managed ? true : null,
        ["name"] = properties.Name,
        ["tags"] = Tags(properties.Tags),
    };

    /// <summary><c>secret show</c> and <c>secret set</c>: the properties, <c>kid</c> and the value (az prints it here, and only here).</summary>
    public static JsonObject WithValue(KeyVaultSecret secret)
    {
        var result = Properties(secret.Properties);
        result["kid"] = secret.Properties.KeyId?.AbsoluteUri;
        result["value"] = secret.Value;
        return result;
    }

    /// <summary><c>set-attributes</c>, <c>recover</c> and <c>restore</c>: the properties, <c>kid</c>, and <c>value</c> null.</summary>
    public static JsonObject WithoutValue(SecretProperties properties)
    {
        var result = Properties(properties);
        result["kid"] = properties.KeyId?.AbsoluteUri;
        result["value"] = null;
        return result;
    }

    /// <summary><c>secret delete</c> and <c>show-deleted</c>: as set-attributes, plus when it was deleted and will be purged.</summary>
    public static JsonObject Deleted(DeletedSecret secret) => AddDeletion(WithoutValue(secret.Properties), secret);

    /// <summary><c>secret list-deleted</c>: the listed properties plus the deletion fields.</summary>
    public static JsonObject DeletedItem(DeletedSecret secret) => AddDeletion(Properties(secret.Properties), secret);

    /// <summary>Python's <c>datetime.isoformat()</c> for an aware UTC time: <c>2024-05-01T10:00:00+00:00</c>.</summary>
    public static string? Time(DateTimeOffset? time) =>
        time?.ToUniversalTime().ToString(time.Value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'+00:00'" : "yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);

    private static JsonObject AddDeletion(JsonObject result, DeletedSecret secret)
    {
        result["deletedDate"] = Time(secret.DeletedOn);
        result["recoveryId"] = secret.RecoveryId?.AbsoluteUri;
        result["scheduledPurgeDate"] = Time(secret.ScheduledPurgeDate);
        return result;
    }

    /// <summary>Python's SDK leaves tags None when the service sends none.</summary>
    private static JsonObject? Tags(IDictionary<string, string> tags) =>
        tags.Count == 0 ? null : new JsonObject(tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value)));
}
