namespace Coffer.Core.Audit;

/// <summary>Which model decided a request; Key Vault logs it as <c>properties.isRbacAuthorized</c>.</summary>
public enum AuditAuthorization
{
    /// <summary>No authorization step ran (anonymous, refused earlier, or an endpoint without one).</summary>
    None = 0,

    /// <summary>Role assignments decided (Azure RBAC or the management API's roles).</summary>
    Rbac = 1,

    /// <summary>The vault's access policies decided.</summary>
    AccessPolicy = 2,
}
