namespace Coffer.Core.Authorization;

/// <summary>
/// Every keys operation with its data action (RBAC) and permission (access policies, as <c>keys.json</c> states
/// "requires the keys/… permission"). Lists, restore and random bytes act on the vault; the rest on the named key.
/// </summary>
public static class KeyOperations
{
    private const string Kind = "keys";

    public static readonly DataOperation Create = new("CreateKey", DataActions.KeyCreate, Kind, "create", OnObject: true);
    public static readonly DataOperation Import = new("ImportKey", DataActions.KeyImport, Kind, "import", OnObject: true);
    public static readonly DataOperation Get = new("GetKey", DataActions.KeyRead, Kind, "get", OnObject: true);
    public static readonly DataOperation Update = new("UpdateKey", DataActions.KeyUpdate, Kind, "update", OnObject: true);
    public static readonly DataOperation Delete = new("DeleteKey", DataActions.KeyDelete, Kind, "delete", OnObject: true);
    public static readonly DataOperation List = new("GetKeys", DataActions.KeyRead, Kind, "list", OnObject: false);
    public static readonly DataOperation ListVersions = new("GetKeyVersions", DataActions.KeyRead, Kind, "list", OnObject: true);
    public static readonly DataOperation Backup = new("BackupKey", DataActions.KeyBackup, Kind, "backup", OnObject: true);
    public static readonly DataOperation Restore = new("RestoreKey", DataActions.KeyRestore, Kind, "restore", OnObject: false);
    public static readonly DataOperation GetDeleted = new("GetDeletedKey", DataActions.KeyRead, Kind, "get", OnObject: true);
    public static readonly DataOperation ListDeleted = new("GetDeletedKeys", DataActions.KeyRead, Kind, "list", OnObject: false);
    public static readonly DataOperation Recover = new("RecoverDeletedKey", DataActions.KeyRecover, Kind, "recover", OnObject: true);
    public static readonly DataOperation Purge = new("PurgeDeletedKey", DataActions.KeyPurge, Kind, "purge", OnObject: true);
    public static readonly DataOperation Encrypt = new("Encrypt", DataActions.KeyEncrypt, Kind, "encrypt", OnObject: true);
    public static readonly DataOperation Decrypt = new("Decrypt", DataActions.KeyDecrypt, Kind, "decrypt", OnObject: true);
    public static readonly DataOperation WrapKey = new("WrapKey", DataActions.KeyWrap, Kind, "wrapKey", OnObject: true);
    public static readonly DataOperation UnwrapKey = new("UnwrapKey", DataActions.KeyUnwrap, Kind, "unwrapKey", OnObject: true);
    public static readonly DataOperation Sign = new("Sign", DataActions.KeySign, Kind, "sign", OnObject: true);
    public static readonly DataOperation Verify = new("Verify", DataActions.KeyVerify, Kind, "verify", OnObject: true);
    public static readonly DataOperation Release = new("Release", DataActions.KeyRelease, Kind, "release", OnObject: true);
    public static readonly DataOperation Rotate = new("RotateKey", DataActions.KeyRotate, Kind, "rotate", OnObject: true);
    public static readonly DataOperation GetRotationPolicy = new("GetKeyRotationPolicy", DataActions.KeyRotationPolicyRead, Kind, "getrotationpolicy", OnObject: true);
    public static readonly DataOperation SetRotationPolicy = new("UpdateKeyRotationPolicy", DataActions.KeyRotationPolicyWrite, Kind, "setrotationpolicy", OnObject: true);

    /// <summary>
    /// Random bytes have no data action of their own in a vault (Managed HSM's is <c>rng/action</c>): Coffer asks for the
    /// right to read keys, so a principal with no key access cannot drain the generator.
    /// </summary>
    public static readonly DataOperation GetRandomBytes = new("GetRandomBytes", DataActions.KeyRead, Kind, "get", OnObject: false);

    public static IReadOnlyList<DataOperation> All { get; } =
    [
        Create, Import, Get, Update, Delete, List, ListVersions, Backup, Restore, GetDeleted, ListDeleted, Recover, Purge,
        Encrypt, Decrypt, WrapKey, UnwrapKey, Sign, Verify, Release, Rotate, GetRotationPolicy, SetRotationPolicy, GetRandomBytes,
    ];
}
