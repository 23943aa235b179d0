namespace Coffer.Core.Audit;

/// <summary>The verified caller's claims Key Vault logs: object id, application id and user principal name.</summary>
public sealed record AuditIdentity(string? ObjectId, string? ApplicationId, string? UserPrincipalName)
{
    public string? TenantId { get; init; }
}
