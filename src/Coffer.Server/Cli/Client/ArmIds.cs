namespace Coffer.Server.Cli.Client;

/// <summary>ARM resource ids and scopes as Azure writes them.</summary>
internal static class ArmIds
{
    /// <summary>Where new things go when no group is given: the group Coffer puts vaults in.</summary>
    public const string DefaultResourceGroup = Coffer.Core.Vaults.Vault.DefaultResourceGroup;

    public static string Identity(string subscriptionId, string resourceGroup, string name) =>
        $"/subscriptions/{subscriptionId}/resourceGroups/{Uri.EscapeDataString(resourceGroup)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{Uri.EscapeDataString(name)}";

    public static string RoleDefinition(string subscriptionId, string roleGuid) =>
        $"/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{roleGuid}";

    /// <summary>The resource group named in an id or scope (<c>…/resourceGroups/{rg}/…</c>), or null.</summary>
    public static string? ResourceGroupOf(string? id)
    {
        var parts = (id ?? string.Empty).Split('/');
        var index = Array.FindIndex(parts, p => p.Equals("resourceGroups", StringComparison.OrdinalIgnoreCase));
        return index >= 0 && index + 1 < parts.Length ? Uri.UnescapeDataString(parts[index + 1]) : null;
    }

    /// <summary><c>{scope}/providers/{provider}</c>, with the root scope <c>/</c> written as Azure does (no double slash).</summary>
    public static string UnderScope(string scope, string provider) => scope.TrimEnd('/') + "/providers/" + provider;

    /// <summary>Whether an assignment at <paramref name="outer"/> reaches <paramref name="inner"/>: the same scope or one above it.</summary>
    public static bool Covers(string outer, string inner)
    {
        var parent = outer.TrimEnd('/');
        var child = inner.TrimEnd('/');
        return parent.Length == 0 || child.Equals(parent, StringComparison.OrdinalIgnoreCase) ||
               child.StartsWith(parent + "/", StringComparison.OrdinalIgnoreCase);
    }

    public static bool SameScope(string a, string b) => a.TrimEnd('/').Equals(b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
