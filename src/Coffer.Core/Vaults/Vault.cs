using Coffer.Core.Authorization;
using Coffer.Core.Network;

namespace Coffer.Core.Vaults;

/// <summary>
/// A vault: a named container of secrets, keys and certificates with its own data key and retention, placed in a
/// resource group like an Azure resource, and governed either by RBAC or by its access policies.
/// </summary>
public sealed record Vault(Guid Id, string Name, DateTimeOffset Created, int RetentionDays, bool PurgeProtection)
{
    public const int DefaultRetentionDays = 90;

    /// <summary>Where vaults made without a resource group (the <c>--dev</c> vault, vaults from before groups) live.</summary>
    public const string DefaultResourceGroup = "coffer";

    /// <summary>The location a vault reports when none was given: there is one place, this deployment.</summary>
    public const string DefaultLocation = "local";

    public string ResourceGroup { get; init; } = DefaultResourceGroup;

    /// <summary>What <paramref name="change"/> makes of this stored vault, keeping what no change may touch: its id, name, resource group and creation time.</summary>
    public Vault Apply(Func<Vault, Vault> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change(this) with { Id = Id, Name = Name, Created = Created, ResourceGroup = ResourceGroup };
    }

    public string Location { get; init; } = DefaultLocation;

    /// <summary>Azure's <c>sku.name</c>: <c>standard</c> or <c>premium</c> (kept as given; Coffer serves both alike).</summary>
    public string Sku { get; init; } = "standard";

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Azure's <c>enableRbacAuthorization</c>: role assignments decide (true, the default) or access policies do.</summary>
    public bool EnableRbacAuthorization { get; init; } = true;

    public IReadOnlyList<AccessPolicy> AccessPolicies { get; init; } = [];

    /// <summary>Azure's <c>networkAcls</c>: the data-plane firewall (off by default).</summary>
    public NetworkRuleSet NetworkAcls { get; init; } = NetworkRuleSet.Default;

    /// <summary>Azure's <c>publicNetworkAccess</c> (Enabled by default).</summary>
    public PublicNetworkAccess PublicNetworkAccess { get; init; } = PublicNetworkAccess.Enabled;

    /// <summary>Key Vault's <c>recoveryLevel</c> for objects in this vault (soft delete is always on).</summary>
    public string RecoveryLevel => (RetentionDays < DefaultRetentionDays, PurgeProtection) switch
    {
        (false, false) => "Recoverable+Purgeable",
        (false, true) => "Recoverable",
        (true, false) => "CustomizedRecoverable+Purgeable",
        (true, true) => "CustomizedRecoverable",
    };

    /// <summary>Value equality, including the tags and access policies (a record alone would compare their references).</summary>
    public bool Equals(Vault? other) =>
        other is not null && Id == other.Id && Name == other.Name && Created == other.Created && RetentionDays == other.RetentionDays
        && PurgeProtection == other.PurgeProtection && ResourceGroup == other.ResourceGroup && Location == other.Location && Sku == other.Sku
        && EnableRbacAuthorization == other.EnableRbacAuthorization && AccessPolicies.SequenceEqual(other.AccessPolicies)
        && NetworkAcls.Equals(other.NetworkAcls) && PublicNetworkAccess == other.PublicNetworkAccess
        && Tags.Count == other.Tags.Count && Tags.All(t => other.Tags.TryGetValue(t.Key, out var value) && value == t.Value);

    public override int GetHashCode() => HashCode.Combine(Id, Name, Created);

    /// <summary>The vault's ARM resource id (its RBAC scope).</summary>
    public string ResourceId(Guid subscriptionId) => ResourceScope.VaultPath(subscriptionId, ResourceGroup, Name);
}
