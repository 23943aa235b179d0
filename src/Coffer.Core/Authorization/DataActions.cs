namespace Coffer.Core.Authorization;

/// <summary>Key Vault's RBAC data actions, as Azure names them.</summary>
public static class DataActions
{
    public const string SecretGet = "Microsoft.KeyVault/vaults/secrets/getSecret/action";
    public const string SecretReadMetadata = "Microsoft.KeyVault/vaults/secrets/readMetadata/action";
    public const string SecretSet = "Microsoft.KeyVault/vaults/secrets/setSecret/action";
    public const string SecretUpdate = "Microsoft.KeyVault/vaults/secrets/update/action";
    public const string SecretDelete = "Microsoft.KeyVault/vaults/secrets/delete";
    public const string SecretBackup = "Microsoft.KeyVault/vaults/secrets/backup/action";
    public const string SecretRestore = "Microsoft.KeyVault/vaults/secrets/restore/action";
    public const string SecretRecover = "Microsoft.KeyVault/vaults/secrets/recover/action";
    public const string SecretPurge = "Microsoft.KeyVault/vaults/secrets/purge/action";
}
