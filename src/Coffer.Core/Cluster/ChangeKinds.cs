namespace Coffer.Core.Cluster;

/// <summary>The kinds of change that nodes tell each other about, one per cache, with the key each uses.</summary>
public static class ChangeKinds
{
    /// <summary>A vault's settings, access policies or existence; the key is the vault's name.</summary>
    public const string Vault = "vault";

    /// <summary>A principal's role assignments; the key is the principal's object id.</summary>
    public const string RoleAssignments = "role-assignments";

    /// <summary>A vault's data keys; the key is the vault's id.</summary>
    public const string DataKeys = "data-keys";

    /// <summary>The token signing keys; the key is the signing key's id.</summary>
    public const string SigningKeys = "signing-keys";

    /// <summary>A credential made live or revoked; the key is <see cref="Identity.CredentialChange.ToKey"/>.</summary>
    public const string Credentials = "credentials";

    /// <summary>A secret's versions or attributes (set, update, delete, recover, purge, restore); the key is <c>{vault id}/{name key}</c>.</summary>
    public const string Secret = "secret";

    /// <summary>A key's versions or attributes (create, import, rotate, update, delete, recover, purge, restore); the key is <c>{vault id}/{name key}</c>.</summary>
    public const string Key = "key";
}
