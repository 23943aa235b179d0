namespace Coffer.Core.Authorization;

/// <summary>Key Vault's RBAC data actions, as Azure names them (behaviour reference §3.8).</summary>
public static class DataActions
{
    private const string Secrets = "Microsoft.KeyVault/vaults/secrets/";
    private const string Keys = "Microsoft.KeyVault/vaults/keys/";
    private const string Certificates = "Microsoft.KeyVault/vaults/certificates/";

    public const string SecretGet = Secrets + "getSecret/action";
    public const string SecretReadMetadata = Secrets + "readMetadata/action";
    public const string SecretSet = Secrets + "setSecret/action";
    public const string SecretUpdate = Secrets + "update/action";
    public const string SecretDelete = Secrets + "delete";
    public const string SecretBackup = Secrets + "backup/action";
    public const string SecretRestore = Secrets + "restore/action";
    public const string SecretRecover = Secrets + "recover/action";
    public const string SecretPurge = Secrets + "purge/action";

    public const string KeyRead = Keys + "read";
    public const string KeyCreate = Keys + "create/action";
    public const string KeyImport = Keys + "import/action";
    public const string KeyUpdate = Keys + "update/action";
    public const string KeyDelete = Keys + "delete";
    public const string KeyBackup = Keys + "backup/action";
    public const string KeyRestore = Keys + "restore/action";
    public const string KeyRecover = Keys + "recover/action";
    public const string KeyPurge = Keys + "purge/action";
    public const string KeyEncrypt = Keys + "encrypt/action";
    public const string KeyDecrypt = Keys + "decrypt/action";
    public const string KeyWrap = Keys + "wrap/action";
    public const string KeyUnwrap = Keys + "unwrap/action";
    public const string KeySign = Keys + "sign/action";
    public const string KeyVerify = Keys + "verify/action";
    public const string KeyRelease = Keys + "release/action";
    public const string KeyRotate = Keys + "rotate/action";

    public const string KeyRotationPolicyRead = "Microsoft.KeyVault/vaults/keyrotationpolicies/read";
    public const string KeyRotationPolicyWrite = "Microsoft.KeyVault/vaults/keyrotationpolicies/write";

    public const string CertificateRead = Certificates + "read";
    public const string CertificateCreate = Certificates + "create/action";
    public const string CertificateImport = Certificates + "import/action";
    public const string CertificateUpdate = Certificates + "update/action";
    public const string CertificateDelete = Certificates + "delete";
    public const string CertificateBackup = Certificates + "backup/action";
    public const string CertificateRestore = Certificates + "restore/action";
    public const string CertificateRecover = Certificates + "recover/action";
    public const string CertificatePurge = Certificates + "purge/action";

    public const string CertificateIssuerRead = "Microsoft.KeyVault/vaults/certificatecas/read";
    public const string CertificateIssuerWrite = "Microsoft.KeyVault/vaults/certificatecas/write";
    public const string CertificateIssuerDelete = "Microsoft.KeyVault/vaults/certificatecas/delete";
    public const string CertificateContactsWrite = "Microsoft.KeyVault/vaults/certificatecontacts/write";
}
