namespace Coffer.Core.Authorization;

/// <summary>
/// Every secrets operation with its data action (RBAC) and permission (access policies, as <c>secrets.json</c> states
/// "requires the secrets/… permission"). Lists and restore act on the vault; the rest on the named secret.
/// </summary>
public static class SecretOperations
{
    private const string Kind = "secrets";

    public static readonly DataOperation Get = new("GetSecret", DataActions.SecretGet, Kind, "get", OnObject: true);
    public static readonly DataOperation Set = new("SetSecret", DataActions.SecretSet, Kind, "set", OnObject: true);
    public static readonly DataOperation Update = new("UpdateSecret", DataActions.SecretUpdate, Kind, "set", OnObject: true);
    public static readonly DataOperation Delete = new("DeleteSecret", DataActions.SecretDelete, Kind, "delete", OnObject: true);
    public static readonly DataOperation List = new("GetSecrets", DataActions.SecretReadMetadata, Kind, "list", OnObject: false);
    public static readonly DataOperation ListVersions = new("GetSecretVersions", DataActions.SecretReadMetadata, Kind, "list", OnObject: true);
    public static readonly DataOperation Backup = new("BackupSecret", DataActions.SecretBackup, Kind, "backup", OnObject: true);
    public static readonly DataOperation Restore = new("RestoreSecret", DataActions.SecretRestore, Kind, "restore", OnObject: false);
    public static readonly DataOperation GetDeleted = new("GetDeletedSecret", DataActions.SecretReadMetadata, Kind, "get", OnObject: true);
    public static readonly DataOperation ListDeleted = new("GetDeletedSecrets", DataActions.SecretReadMetadata, Kind, "list", OnObject: false);
    public static readonly DataOperation Recover = new("RecoverDeletedSecret", DataActions.SecretRecover, Kind, "recover", OnObject: true);
    public static readonly DataOperation Purge = new("PurgeDeletedSecret", DataActions.SecretPurge, Kind, "purge", OnObject: true);

    public static IReadOnlyList<DataOperation> All { get; } = [Get, Set, Update, Delete, List, ListVersions, Backup, Restore, GetDeleted, ListDeleted, Recover, Purge];
}
