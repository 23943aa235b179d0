using Coffer.Core.Errors;

namespace Coffer.Core.Authorization;

/// <summary>An access policy's permissions per object kind, with Key Vault's names (behaviour reference §3.8).</summary>
public sealed record AccessPolicyPermissions(IReadOnlyList<string> Keys, IReadOnlyList<string> Secrets, IReadOnlyList<string> Certificates, IReadOnlyList<string> Storage)
{
    public static readonly IReadOnlyList<string> KeyNames =
    [
        "all", "get", "list", "update", "create", "import", "delete", "recover", "backup", "restore", "decrypt", "encrypt",
        "unwrapKey", "wrapKey", "verify", "sign", "purge", "release", "rotate", "getrotationpolicy", "setrotationpolicy",
    ];

    public static readonly IReadOnlyList<string> SecretNames = ["all", "get", "list", "set", "delete", "recover", "backup", "restore", "purge"];

    public static readonly IReadOnlyList<string> CertificateNames =
    [
        "all", "get", "list", "update", "create", "import", "delete", "recover", "backup", "restore", "managecontacts",
        "manageissuers", "getissuers", "listissuers", "setissuers", "deleteissuers", "purge",
    ];

    public static readonly IReadOnlyList<string> StorageNames =
    [
        "all", "get", "list", "update", "set", "delete", "regeneratekey", "getsas", "listsas", "setsas", "deletesas", "recover",
        "backup", "restore", "purge",
    ];

    public static AccessPolicyPermissions None { get; } = new([], [], [], []);

    /// <summary>Value equality of the four lists (a record alone would compare their references).</summary>
    public bool Equals(AccessPolicyPermissions? other) =>
        other is not null && Keys.SequenceEqual(other.Keys) && Secrets.SequenceEqual(other.Secrets)
        && Certificates.SequenceEqual(other.Certificates) && Storage.SequenceEqual(other.Storage);

    public override int GetHashCode() => HashCode.Combine(Keys.Count, Secrets.Count, Certificates.Count, Storage.Count);

    public IReadOnlyList<string> Of(string kind) => kind switch
    {
        "keys" => Keys,
        "secrets" => Secrets,
        "certificates" => Certificates,
        "storage" => Storage,
        _ => [],
    };

    /// <summary>Refuses a name Key Vault does not know (compared case-insensitively), naming where it is.</summary>
    public void Validate(string path)
    {
        Check(Keys, KeyNames, path + ".keys");
        Check(Secrets, SecretNames, path + ".secrets");
        Check(Certificates, CertificateNames, path + ".certificates");
        Check(Storage, StorageNames, path + ".storage");
    }

    private static void Check(IReadOnlyList<string> given, IReadOnlyList<string> known, string path)
    {
        for (var i = 0; i < given.Count; i++)
        {
            if (!known.Contains(given[i], StringComparer.OrdinalIgnoreCase))
            {
                throw CofferErrors.ArmBadRequest($"Invalid value found at {path}[{i}]: {given[i]}");
            }
        }
    }
}
