namespace Coffer.Core.Identity;

/// <summary>The caller of a request, as proven by its token.</summary>
public sealed record Principal(Guid ObjectId, Guid TenantId, string? AppId, DateTimeOffset Expires)
{
    /// <summary>The token's <c>iss</c>, named in Key Vault's network denials (<c>Caller: appid=…;oid=…;iss=…</c>).</summary>
    public string? Issuer { get; init; }

    /// <summary>
    /// The token's <c>upn</c>, recorded in the audit log as Key Vault records it. Only an external issuer's user tokens
    /// carry one; Coffer's own tokens are for service principals and managed identities, which have none.
    /// </summary>
    public string? UserPrincipalName { get; init; }
}
