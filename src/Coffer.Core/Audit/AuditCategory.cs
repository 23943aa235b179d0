namespace Coffer.Core.Audit;

/// <summary>Key Vault's diagnostic log category; every Coffer record is in it.</summary>
public static class AuditCategory
{
    public const string AuditEvent = "AuditEvent";
}
