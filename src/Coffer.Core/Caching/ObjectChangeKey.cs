namespace Coffer.Core.Caching;

/// <summary>The change feed's key for one object name in a vault (<see cref="Cluster.ChangeKinds.Secret"/>, <see cref="Cluster.ChangeKinds.Key"/>): <c>{vault id}/{name key}</c>.</summary>
internal static class ObjectChangeKey
{
    private const int GuidLength = 36;

    public static string Format(Guid vaultId, string nameKey) => $"{vaultId:D}/{nameKey}";

    public static bool TryParse(string key, out Guid vaultId, out string nameKey)
    {
        nameKey = string.Empty;
        if (key.Length <= GuidLength + 1 || key[GuidLength] != '/' || !Guid.TryParseExact(key.AsSpan(0, GuidLength), "D", out vaultId))
        {
            vaultId = Guid.Empty;
            return false;
        }

        nameKey = key[(GuidLength + 1)..];
        return true;
    }
}
