namespace Coffer.Core.Identity;

/// <summary>
/// A managed identity's workload credential (the App Service identity-header value, the Azure ML secret). Only its
/// SHA-256 hash is kept. A revoked credential keeps its record until no token issued against it can still be valid,
/// so the revocation outlives a restart.
/// </summary>
public sealed record WorkloadCredential(
    Guid Id,
    Guid PrincipalId,
    byte[] Hash,
    DateTimeOffset Created,
    DateTimeOffset? Expires,
    DateTimeOffset? Revoked = null)
{
    public bool IsUsableAt(DateTimeOffset now) => Revoked is null && (Expires is not { } expires || now < expires);
}
