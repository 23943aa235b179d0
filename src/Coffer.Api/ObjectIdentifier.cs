namespace Coffer.Api;

/// <summary>
/// The one place object ids are built: <c>https://{vault host[:port]}/{collection}/{name}[/{version}]</c>.
/// The SDKs parse these (exactly 3 or 4 path segments, no prefix), so nothing else may assemble them.
/// </summary>
internal static class ObjectIdentifier
{
    public static string Create(string vaultUri, string collection, string name, string? version = null) =>
        version is null ? $"{vaultUri}/{collection}/{name}" : $"{vaultUri}/{collection}/{name}/{version}";

    /// <summary>The <c>recoveryId</c> of a deleted object: <c>https://{vault}/deleted{collection}/{name}</c>.</summary>
    public static string Deleted(string vaultUri, string collection, string name) => $"{vaultUri}/deleted{collection}/{name}";
}
