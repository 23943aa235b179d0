namespace Coffer.Core.Authorization;

/// <summary>
/// One entry of a vault's access policies (used when the vault's <c>enableRbacAuthorization</c> is false): a principal
/// of a tenant, optionally only through one application (a compound identity), and its permissions per object kind.
/// </summary>
public sealed record AccessPolicy(Guid TenantId, Guid ObjectId, Guid? ApplicationId, AccessPolicyPermissions Permissions)
{
    /// <summary>Whether this entry speaks for the caller: same tenant and object, and the same application when one is named.</summary>
    public bool AppliesTo(Guid tenantId, Guid objectId, string? appId) =>
        TenantId == tenantId && ObjectId == objectId
        && (ApplicationId is not { } application || (Guid.TryParse(appId, out var caller) && caller == application));

    /// <summary>Whether the entry grants a permission (<c>get</c>) of a kind (<c>secrets</c>); <c>all</c> grants every one.</summary>
    public bool Grants(string kind, string permission)
    {
        // Indexed: foreach over the interface would allocate an enumerator on every access-policy decision.
        var permissions = Permissions.Of(kind);
        for (var i = 0; i < permissions.Count; i++)
        {
            var granted = permissions[i];
            if (string.Equals(granted, permission, StringComparison.OrdinalIgnoreCase) || string.Equals(granted, "all", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
