namespace Coffer.Core.Vaults;

/// <summary>A vault: a named container of secrets, keys and certificates with its own data key and retention.</summary>
public sealed record Vault(Guid Id, string Name, DateTimeOffset Created, int RetentionDays, bool PurgeProtection)
{
    public const int DefaultRetentionDays = 90;

    /// <summary>Key Vault's <c>recoveryLevel</c> for objects in this vault (soft delete is always on).</summary>
    public string RecoveryLevel => (RetentionDays < DefaultRetentionDays, PurgeProtection) switch
    {
        (false, false) => "Recoverable+Purgeable",
        (false, true) => "Recoverable",
        (true, false) => "CustomizedRecoverable+Purgeable",
        (true, true) => "CustomizedRecoverable",
    };
}
