namespace Coffer.Core.Authorization;

/// <summary>Key Vault's built-in data-plane roles with their real GUIDs and data actions.</summary>
public static class BuiltInRoles
{
    private const string Vaults = "Microsoft.KeyVault/vaults/";

    public static readonly RoleDefinition Administrator = new(
        Guid.Parse("00482a5a-887f-4fb3-b363-3b7fe8e74483"), "Key Vault Administrator", [Vaults + "*"]);

    public static readonly RoleDefinition Reader = new(
        Guid.Parse("21090545-7ca7-4776-b22c-e363652d74d2"), "Key Vault Reader",
        [Vaults + "*/read", Vaults + "secrets/readMetadata/action"]);

    public static readonly RoleDefinition SecretsOfficer = new(
        Guid.Parse("b86a8fe4-44ce-4948-aee5-eccb2c155cd7"), "Key Vault Secrets Officer", [Vaults + "secrets/*"]);

    public static readonly RoleDefinition SecretsUser = new(
        Guid.Parse("4633458b-17de-408a-b874-0445c86b69e6"), "Key Vault Secrets User",
        [Vaults + "secrets/getSecret/action", Vaults + "secrets/readMetadata/action"]);

    public static readonly RoleDefinition CryptoOfficer = new(
        Guid.Parse("14b46e9e-c2b7-41b4-b07b-48a6ebf60603"), "Key Vault Crypto Officer",
        [Vaults + "keys/*", Vaults + "keyrotationpolicies/*"]);

    public static readonly RoleDefinition CryptoUser = new(
        Guid.Parse("12338af0-0e69-4776-bea7-57ae8d297424"), "Key Vault Crypto User",
        [Vaults + "keys/read", Vaults + "keys/update/action", Vaults + "keys/backup/action", Vaults + "keys/encrypt/action",
         Vaults + "keys/decrypt/action", Vaults + "keys/wrap/action", Vaults + "keys/unwrap/action", Vaults + "keys/sign/action",
         Vaults + "keys/verify/action"]);

    public static readonly RoleDefinition CryptoServiceEncryptionUser = new(
        Guid.Parse("e147488a-f6f5-4113-8e2d-b22465e65bf6"), "Key Vault Crypto Service Encryption User",
        [Vaults + "keys/read", Vaults + "keys/wrap/action", Vaults + "keys/unwrap/action"]);

    public static readonly RoleDefinition CryptoServiceReleaseUser = new(
        Guid.Parse("08bbd89e-9f13-488c-ac41-acfcb10c90ab"), "Key Vault Crypto Service Release User", [Vaults + "keys/release/action"]);

    public static readonly RoleDefinition CertificatesOfficer = new(
        Guid.Parse("a4417e6f-fecd-4de8-b567-7b0420556985"), "Key Vault Certificates Officer",
        [Vaults + "certificatecas/*", Vaults + "certificates/*", Vaults + "certificatecontacts/write"]);

    public static readonly RoleDefinition CertificateUser = new(
        Guid.Parse("db79e9a7-68ee-4b58-9aeb-b90e7c24fcba"), "Key Vault Certificate User",
        [Vaults + "certificates/read", Vaults + "secrets/getSecret/action", Vaults + "secrets/readMetadata/action", Vaults + "keys/read"]);

    public static IReadOnlyList<RoleDefinition> All { get; } =
    [
        Administrator, Reader, SecretsOfficer, SecretsUser, CryptoOfficer, CryptoUser,
        CryptoServiceEncryptionUser, CryptoServiceReleaseUser, CertificatesOfficer, CertificateUser,
    ];

    public static RoleDefinition? Find(Guid id) => All.FirstOrDefault(r => r.Id == id);

    public static RoleDefinition? FindByName(string name) =>
        All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
}
