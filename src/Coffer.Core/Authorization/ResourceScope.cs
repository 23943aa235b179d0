using System.Globalization;
using Coffer.Core.Errors;

namespace Coffer.Core.Authorization;

/// <summary>How far down Azure's resource hierarchy a scope reaches.</summary>
public enum ScopeLevel
{
    Root,
    Subscription,
    ResourceGroup,
    Vault,
    VaultObject,
}

/// <summary>
/// A scope as Azure writes it, parsed and canonicalized in this one place: <c>/</c>, <c>/subscriptions/{sub}</c>,
/// <c>…/resourceGroups/{rg}</c>, a vault <c>…/providers/Microsoft.KeyVault/vaults/{name}</c>, or one object in it
/// (<c>{vault}/secrets/{name}</c>, <c>/keys/{name}</c>, <c>/certificates/{name}</c>). Matching is case-insensitive, as
/// in Azure; <see cref="Path"/> spells the fixed segments Azure's way and keeps names as given.
/// </summary>
public sealed record ResourceScope(ScopeLevel Level, string Path, string? ResourceGroup = null, string? VaultName = null, string? ObjectKind = null, string? ObjectName = null)
{
    public const string KeyVaultProvider = "Microsoft.KeyVault";

    private static readonly string[] ObjectKinds = ["secrets", "keys", "certificates"];

    public static ResourceScope Root { get; } = new(ScopeLevel.Root, "/");

    /// <summary>Parses a scope of this deployment; a malformed scope is ARM's 400, another subscription its 404.</summary>
    public static ResourceScope Parse(string scope, Guid subscriptionId)
    {
        if (!TryParse(scope, subscriptionId, out var parsed, out var foreignSubscription))
        {
            throw foreignSubscription is null ? CofferErrors.InvalidScope(scope) : CofferErrors.SubscriptionNotFound(foreignSubscription);
        }

        return parsed;
    }

    public static bool TryParse(string scope, Guid subscriptionId, out ResourceScope parsed, out string? foreignSubscription)
    {
        parsed = Root;
        foreignSubscription = null;
        if (string.IsNullOrEmpty(scope) || scope[0] != '/')
        {
            return false;
        }

        var segments = scope.TrimEnd('/').Split('/')[1..];
        if (segments.Length == 0)
        {
            return true;
        }

        if (segments.Any(s => s.Length == 0) || !Is(segments[0], "subscriptions") || segments.Length < 2)
        {
            return false;
        }

        if (!Guid.TryParse(segments[1], out var subscription))
        {
            return false;
        }

        if (subscription != subscriptionId)
        {
            foreignSubscription = segments[1];
            return false;
        }

        var path = SubscriptionPath(subscriptionId);
        if (segments.Length == 2)
        {
            parsed = new ResourceScope(ScopeLevel.Subscription, path);
            return true;
        }

        if (!Is(segments[2], "resourceGroups") || segments.Length < 4 || !IsResourceGroupName(segments[3]))
        {
            return false;
        }

        var group = segments[3];
        path += "/resourceGroups/" + group;
        if (segments.Length == 4)
        {
            parsed = new ResourceScope(ScopeLevel.ResourceGroup, path, group);
            return true;
        }

        if (segments.Length < 8 || !Is(segments[4], "providers") || !Is(segments[5], KeyVaultProvider) || !Is(segments[6], "vaults")
            || !Vaults.VaultName.IsValid(segments[7]))
        {
            return false;
        }

        var vault = segments[7];
        path = VaultPath(subscriptionId, group, vault);
        if (segments.Length == 8)
        {
            parsed = new ResourceScope(ScopeLevel.Vault, path, group, vault);
            return true;
        }

        var kind = Array.Find(ObjectKinds, k => Is(segments[8], k));
        if (segments.Length != 10 || kind is null || !IsObjectName(segments[9]))
        {
            return false;
        }

        parsed = new ResourceScope(ScopeLevel.VaultObject, ObjectPath(path, kind, segments[9]), group, vault, kind, segments[9]);
        return true;
    }

    public static string SubscriptionPath(Guid subscriptionId) => "/subscriptions/" + subscriptionId.ToString("D", CultureInfo.InvariantCulture);

    public static string ResourceGroupPath(Guid subscriptionId, string resourceGroup) => SubscriptionPath(subscriptionId) + "/resourceGroups/" + resourceGroup;

    /// <summary>A vault's resource id, the one spelling used for ids, scopes and messages.</summary>
    public static string VaultPath(Guid subscriptionId, string resourceGroup, string vaultName) =>
        $"{ResourceGroupPath(subscriptionId, resourceGroup)}/providers/{KeyVaultProvider}/vaults/{vaultName}";

    public static string ObjectPath(string vaultPath, string kind, string name) => $"{vaultPath}/{kind}/{name}";

    /// <summary>
    /// Whether an assignment at <paramref name="assignmentScope"/> reaches <paramref name="scope"/>: the same scope or
    /// one beneath it, compared case-insensitively. <c>/</c> reaches everything.
    /// </summary>
    public static bool Covers(string assignmentScope, string scope)
    {
        var parent = assignmentScope.AsSpan().TrimEnd('/');
        var child = scope.AsSpan().TrimEnd('/');
        return parent.IsEmpty
            || (child.StartsWith(parent, StringComparison.OrdinalIgnoreCase) && (child.Length == parent.Length || child[parent.Length] == '/'));
    }

    /// <summary>
    /// <see cref="Covers"/> for the object <c>{vaultPath}/{kind}/{name}</c>, without building its path (the data plane
    /// asks on every request). <paramref name="vaultPath"/> is a vault's resource id; kind and name hold no '/'.
    /// </summary>
    public static bool CoversObject(string assignmentScope, string vaultPath, string kind, string name)
    {
        var parent = assignmentScope.AsSpan().TrimEnd('/');
        if (parent.Length <= vaultPath.Length)
        {
            // At or above the vault: the object's path continues the vault's with a '/'.
            return parent.IsEmpty
                || (vaultPath.AsSpan().StartsWith(parent, StringComparison.OrdinalIgnoreCase) && (parent.Length == vaultPath.Length || vaultPath[parent.Length] == '/'));
        }

        // Beneath the vault: what follows it must be "/{kind}" or "/{kind}/{name}", whole segments.
        if (!parent.StartsWith(vaultPath, StringComparison.OrdinalIgnoreCase) || parent[vaultPath.Length] != '/')
        {
            return false;
        }

        var rest = parent[(vaultPath.Length + 1)..];
        if (rest.Equals(kind, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return rest.Length == kind.Length + 1 + name.Length && rest.StartsWith(kind, StringComparison.OrdinalIgnoreCase) && rest[kind.Length] == '/'
            && rest[(kind.Length + 1)..].Equals(name, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Azure's resource group rule: 1–90 letters, digits, '_', '-', '.', '(' and ')', not ending with '.'.</summary>
    public static bool IsResourceGroupName(string name) =>
        name.Length is >= 1 and <= 90 && name[^1] != '.' && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or '(' or ')');

    /// <summary>Key Vault's object name rule: 1–127 letters, digits and hyphens.</summary>
    private static bool IsObjectName(string name) => name.Length is >= 1 and <= 127 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static bool Is(string segment, string expected) => string.Equals(segment, expected, StringComparison.OrdinalIgnoreCase);
}
